using MemberGraph.Tencent.WeChat;
using Microsoft.Extensions.Options;

namespace MemberGraph.Privacy;

/// <summary>
/// The subscribe-message templates this mini-program sends (<c>WeChat:SubscribeTemplates</c>, chosen in the WeChat admin
/// console): the ids the mini-program asks the member to accept, and the only ones an acceptance is recorded for. A
/// purpose without a template sends nothing.
/// </summary>
public sealed class SubscribeMessageTemplates(IOptions<WeChatOptions> options)
{
    /// <summary>Every configured template, by purpose.</summary>
    public IReadOnlyList<(SubscribeMessagePurpose Purpose, string TemplateId)> All()
    {
        var configured = options.Value.SubscribeTemplates;
        return string.IsNullOrWhiteSpace(configured.CouponExpiring)
            ? []
            : [(SubscribeMessagePurpose.CouponExpiring, configured.CouponExpiring.Trim())];
    }

    public string? TemplateFor(SubscribeMessagePurpose purpose) =>
        All().Where(t => t.Purpose == purpose).Select(t => t.TemplateId).FirstOrDefault();

    public SubscribeMessagePurpose? PurposeOf(string templateId) =>
        All().Where(t => t.TemplateId == templateId).Select(t => (SubscribeMessagePurpose?)t.Purpose).FirstOrDefault();
}

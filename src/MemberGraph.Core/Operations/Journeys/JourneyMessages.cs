using MemberGraph.Data;
using MemberGraph.Domain;
using MemberGraph.Partners;
using MemberGraph.Privacy;
using MemberGraph.Tencent.WeChat;
using Microsoft.EntityFrameworkCore;

namespace MemberGraph.Operations.Journeys;

/// <summary>
/// Sends a journey's subscribe message that <see cref="JourneyAdvance"/> wrote PENDING (the acceptance taken, in the
/// transaction that marked the enrolment ACTED), outside any transaction, then writes WeChat's answer — the same
/// outbox rule as the coupon-expiry reminders: a message whose answer never came stays PENDING and is not sent again,
/// so a restart never sends twice. Refused (43101) withdraws the member's acceptances; failed gives the one taken back.
/// </summary>
public sealed class JourneyMessages(IDbContextFactory<MemberGraphDb> factory, WeChatClient wechat, DomainEventDispatcher events, TimeProvider clock)
{
    public async Task<bool> SendAsync(PendingJourneyMessage message, CancellationToken cancellationToken)
    {
        var answer = await wechat.SendSubscribeMessageAsync(
            new SubscribeMessageRequest(message.OpenId, message.TemplateId, message.Page, message.Data), cancellationToken);

        await using var db = await factory.CreateDbContextAsync(CancellationToken.None);
        await using var work = await events.BeginAsync(db, CancellationToken.None);
        var at = clock.GetUtcNow().UtcDateTime;
        var status = answer.Outcome switch
        {
            SubscribeMessageOutcome.Sent => SubscribeMessageStatus.Sent,
            SubscribeMessageOutcome.Refused => SubscribeMessageStatus.Refused,
            _ => SubscribeMessageStatus.Failed,
        };
        await db.SubscribeMessages.Where(m => m.Id == message.MessageId).ExecuteUpdateAsync(s => s
            .SetProperty(m => m.Status, status)
            .SetProperty(m => m.WeChatMessageId, answer.MessageId)
            .SetProperty(m => m.ErrCode, answer.ErrCode)
            .SetProperty(m => m.AnsweredAt, at), CancellationToken.None);
        if (status == SubscribeMessageStatus.Failed)
        {
            await SubscribeMessageAcceptances.GiveBackAsync(db, message.MemberId, message.TemplateId, CancellationToken.None);
        }
        else if (status == SubscribeMessageStatus.Refused
                 && await SubscribeMessageAcceptances.WithdrawAsync(db, message.MemberId, message.TemplateId, CancellationToken.None) > 0)
        {
            work.Raise(new MarketingConsentChanged(
                message.MemberId, ConsentPurpose.SubscribeMessage, message.TemplateId, ConsentAction.Revoked, ConsentChannel.WechatPlatform, at));
        }

        await work.CommitAsync(CancellationToken.None);
        return status == SubscribeMessageStatus.Sent;
    }
}

/// <summary>A message written PENDING and still to send: the openid is not stored, so it travels here.</summary>
public sealed record PendingJourneyMessage(long MessageId, long MemberId, string OpenId, string TemplateId, string Page, IReadOnlyDictionary<string, string> Data);

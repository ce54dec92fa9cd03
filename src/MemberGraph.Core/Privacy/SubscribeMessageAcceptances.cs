using MemberGraph.Data;
using Microsoft.EntityFrameworkCore;

namespace MemberGraph.Privacy;

/// <summary>
/// The check every subscribe message passes: one of the member's acceptances of the template, taken by a conditional
/// UPDATE in the sender's transaction, so two senders cannot both take the last one.
/// </summary>
public static class SubscribeMessageAcceptances
{
    /// <summary>The members' live acceptances of <paramref name="templateId"/>.</summary>
    public static IQueryable<MarketingConsent> Available(this IQueryable<MarketingConsent> consents, string templateId) =>
        consents.Where(c => c.Purpose == ConsentPurpose.SubscribeMessage && c.TemplateId == templateId && c.Remaining > 0);

    /// <summary>Takes one acceptance; false when the member had none left.</summary>
    public static async Task<bool> TakeAsync(MemberGraphDb db, long memberId, string templateId, CancellationToken cancellationToken) =>
        await Row(db, memberId, templateId).Where(c => c.Remaining > 0)
            .ExecuteUpdateAsync(s => s.SetProperty(c => c.Remaining, c => c.Remaining - 1), cancellationToken) == 1;

    /// <summary>Gives back an acceptance a message did not use (WeChat refused it or could not be reached).</summary>
    public static Task GiveBackAsync(MemberGraphDb db, long memberId, string templateId, CancellationToken cancellationToken) =>
        Row(db, memberId, templateId).ExecuteUpdateAsync(s => s.SetProperty(c => c.Remaining, c => c.Remaining + 1), cancellationToken);

    /// <summary>Withdraws every acceptance left (WeChat says the member refuses the template); how many rows had some.</summary>
    public static Task<int> WithdrawAsync(MemberGraphDb db, long memberId, string templateId, CancellationToken cancellationToken) =>
        Row(db, memberId, templateId).Where(c => c.Remaining > 0).ExecuteUpdateAsync(s => s.SetProperty(c => c.Remaining, 0), cancellationToken);

    private static IQueryable<MarketingConsent> Row(MemberGraphDb db, long memberId, string templateId) =>
        db.MarketingConsents.Where(c => c.MemberId == memberId && c.Purpose == ConsentPurpose.SubscribeMessage && c.TemplateId == templateId);
}

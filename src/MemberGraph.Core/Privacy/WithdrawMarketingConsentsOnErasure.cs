using MemberGraph.Domain;
using MemberGraph.Partners;
using MemberGraph.Privacy.Erasure;
using Microsoft.EntityFrameworkCore;

namespace MemberGraph.Privacy;

/// <summary>
/// Marketing stops the moment a member asks to be erased, like sharing with partners: every subscribe-message acceptance
/// left is withdrawn and the guide-outreach opt-in revoked, each through <see cref="MarketingConsentChanged"/> (channel
/// ERASURE), so the ledger records it and no reminder, journey message or guide task reaches the member during the
/// cooling-off period. Cancelling the erasure gives nothing back: the member accepts again. At the erasure itself
/// whatever was granted in between is withdrawn the same way and the member's consent rows are deleted (the ledger,
/// which names only the member id, stays as the record of what was consented to).
/// </summary>
public sealed class WithdrawMarketingConsentsOnErasure : IDomainEventHandler<ErasureRequested>, IDomainEventHandler<MemberErased>
{
    public Task HandleAsync(ErasureRequested requested, UnitOfWork work, CancellationToken cancellationToken) =>
        WithdrawAsync(work, [requested.MemberId], requested.OccurredAt, deleteRows: false, cancellationToken);

    public Task HandleAsync(MemberErased erased, UnitOfWork work, CancellationToken cancellationToken) =>
        WithdrawAsync(work, erased.MemberIds, erased.OccurredAt, deleteRows: true, cancellationToken);

    private static async Task WithdrawAsync(
        UnitOfWork work, IReadOnlyList<long> memberIds, DateTime at, bool deleteRows, CancellationToken cancellationToken)
    {
        var consents = await work.Db.MarketingConsents.Where(c => memberIds.Contains(c.MemberId)).OrderBy(c => c.Id).ToListAsync(cancellationToken);
        foreach (var consent in consents)
        {
            var live = consent.Purpose == ConsentPurpose.GuideOutreach || consent.Remaining > 0;
            if (live)
            {
                var templateId = consent.Purpose == ConsentPurpose.SubscribeMessage ? consent.TemplateId : null;
                work.Raise(new MarketingConsentChanged(consent.MemberId, consent.Purpose, templateId, ConsentAction.Revoked, ConsentChannel.Erasure, at));
            }

            if (deleteRows || consent.Purpose == ConsentPurpose.GuideOutreach)
            {
                work.Db.MarketingConsents.Remove(consent);
            }
            else
            {
                consent.Remaining = 0;
            }
        }
    }
}

using MemberGraph.Domain;
using MemberGraph.Privacy.Erasure;
using Microsoft.EntityFrameworkCore;

namespace MemberGraph.Partners;

/// <summary>
/// Sharing with partners stops the moment a member asks to be erased, not at the end of the cooling-off period: every
/// live consent is revoked (channel ERASURE) through <see cref="PartnerConsentRevoked"/>, so the ledger records each one
/// and partners miss the member from their next request. Cancelling the erasure gives nothing back: the member grants
/// again. At the erasure itself whatever was granted in between is revoked the same way. Pairwise ids and partner
/// transactions stay: they are the partners' settlement records, and nothing personal is joined to them any more.
/// </summary>
public sealed class RevokeConsentsOnErasure : IDomainEventHandler<ErasureRequested>, IDomainEventHandler<MemberErased>
{
    public Task HandleAsync(ErasureRequested requested, UnitOfWork work, CancellationToken cancellationToken) =>
        RevokeAllAsync(work, [requested.MemberId], requested.OccurredAt, cancellationToken);

    public Task HandleAsync(MemberErased erased, UnitOfWork work, CancellationToken cancellationToken) =>
        RevokeAllAsync(work, erased.MemberIds, erased.OccurredAt, cancellationToken);

    private static async Task RevokeAllAsync(UnitOfWork work, IReadOnlyList<long> memberIds, DateTime at, CancellationToken cancellationToken)
    {
        var live = await work.Db.PartnerConsents.Where(c => memberIds.Contains(c.MemberId)).OrderBy(c => c.Id).ToListAsync(cancellationToken);
        foreach (var consent in live)
        {
            work.Db.PartnerConsents.Remove(consent);
            work.Raise(new PartnerConsentRevoked(consent.MemberId, consent.PartnerId, consent.Purpose, ConsentChannel.Erasure, at));
        }
    }
}

using MemberGraph.Domain;
using Microsoft.EntityFrameworkCore;

namespace MemberGraph.Partners;

/// <summary>
/// The member's first consent to a partner gives the member a pairwise id for that partner; later grants (another
/// purpose, or again after a revocation) find it and keep it. Two first grants at once both try: the unique
/// (member, partner) index lets one commit, and the other's retry finds its id.
/// </summary>
public sealed class IssuePairwiseIdOnConsent : IDomainEventHandler<PartnerConsentGranted>
{
    public async Task HandleAsync(PartnerConsentGranted granted, UnitOfWork work, CancellationToken cancellationToken)
    {
        var db = work.Db;
        var known = db.PairwiseIdentities.Local.Any(p => p.MemberId == granted.MemberId && p.PartnerId == granted.PartnerId)
                    || await db.PairwiseIdentities.AnyAsync(
                        p => p.MemberId == granted.MemberId && p.PartnerId == granted.PartnerId, cancellationToken);
        if (!known)
        {
            db.PairwiseIdentities.Add(new PairwiseIdentity
            {
                MemberId = granted.MemberId,
                PartnerId = granted.PartnerId,
                PairwiseId = PairwiseIdentity.NewPairwiseId(),
                CreatedAt = granted.OccurredAt,
            });
        }
    }
}

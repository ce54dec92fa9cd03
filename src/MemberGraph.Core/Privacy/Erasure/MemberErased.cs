using MemberGraph.Auth;
using MemberGraph.Domain;
using MemberGraph.Members;

namespace MemberGraph.Privacy.Erasure;

/// <summary>
/// A member was erased: raised in the erasure's transaction, after the member record itself was anonymised (name, phone,
/// birthday, home location and channel flags gone, status ERASED) and its identities deleted. Each feature that keeps
/// personal rows about the member removes or ends them in its own handler, in this transaction: guide relationships and
/// WeCom ids (<c>Guides</c>), tags (<c>Tags</c>), partner consents (<c>Partners</c>), data exports (<c>Privacy/Export</c>).
/// Financial records (orders, points ledger, coupons, commission, partner transactions) stay, pointing at the anonymous
/// member. Handlers must be idempotent: an erasure that is retried raises this again.
/// </summary>
/// <param name="MemberId">The erased member (the final survivor of any merges).</param>
/// <param name="MemberIds">That member and every tombstone merged into it: their rows are the same person's.</param>
/// <param name="Identities">The identities the member had before they were deleted (WeCom external user ids, openids...).</param>
public sealed record MemberErased(
    long MemberId, IReadOnlyList<long> MemberIds, IReadOnlyList<IdentityKey> Identities, long RequestId, Caller ErasedBy, DateTime OccurredAt)
    : IDomainEvent;

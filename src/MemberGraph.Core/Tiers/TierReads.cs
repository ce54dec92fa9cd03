using MemberGraph.Data;
using Microsoft.EntityFrameworkCore;

namespace MemberGraph.Tiers;

/// <summary>Single-member reads on hot paths (the mini-program home, an order's write turn), compiled once per provider model.</summary>
public static class TierReads
{
    private static readonly CompiledPerModel<Func<MemberGraphDb, long, Task<MemberTier?>>> Tier = new(() =>
        EF.CompileAsyncQuery((MemberGraphDb db, long memberId) => db.MemberTiers.AsNoTracking().FirstOrDefault(t => t.MemberId == memberId)));

    private static readonly CompiledPerModel<Func<MemberGraphDb, long, DateTime, Task<long>>> Growth = new(() =>
        EF.CompileAsyncQuery((MemberGraphDb db, long memberId, DateTime since) =>
            db.Orders.Where(o => o.MemberId == memberId && o.PaidAt >= since).Sum(o => o.PaidAmountCents - o.RefundedAmountCents)));

    private static readonly CompiledPerModel<Func<MemberGraphDb, long, CancellationToken, Task<MemberTier?>>> TrackedTier = new(() =>
        EF.CompileAsyncQuery((MemberGraphDb db, long memberId, CancellationToken _) => db.MemberTiers.FirstOrDefault(t => t.MemberId == memberId)));

    public static Task<MemberTier?> TierOf(MemberGraphDb db, long memberId) => Tier.For(db)(db, memberId);

    /// <summary>The member's tier row, tracked for an update in the caller's transaction (an order's upgrade).</summary>
    public static Task<MemberTier?> TierToUpdateAsync(MemberGraphDb db, long memberId, CancellationToken cancellationToken) =>
        TrackedTier.For(db)(db, memberId, cancellationToken);

    /// <summary>Paid amount net of refunds of the member's orders paid at or after <c>since</c>.</summary>
    public static Task<long> GrowthOf(MemberGraphDb db, long memberId, DateTime since) => Growth.For(db)(db, memberId, since);
}

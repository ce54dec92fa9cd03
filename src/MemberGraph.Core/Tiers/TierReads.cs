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

    private static readonly CompiledPerModel<Func<MemberGraphDb, long, DateTime, CancellationToken, Task<GrowthAndLevel?>>> GrowthAndLevelQuery = new(() =>
        EF.CompileAsyncQuery((MemberGraphDb db, long memberId, DateTime since, CancellationToken _) => db.Members
            .Where(m => m.Id == memberId)
            .Select(m => new GrowthAndLevel(
                db.Orders.Where(o => o.MemberId == memberId && o.PaidAt >= since).Sum(o => o.PaidAmountCents - o.RefundedAmountCents),
                db.MemberTiers.Where(t => t.MemberId == memberId).Select(t => (int?)t.Level).FirstOrDefault()))
            .FirstOrDefault()));

    public static Task<MemberTier?> TierOf(MemberGraphDb db, long memberId) => Tier.For(db)(db, memberId);

    /// <summary>The member's tier row, tracked for an update in the caller's transaction (an order's upgrade).</summary>
    public static Task<MemberTier?> TierToUpdateAsync(MemberGraphDb db, long memberId, CancellationToken cancellationToken) =>
        TrackedTier.For(db)(db, memberId, cancellationToken);

    /// <summary>
    /// In one statement, what an order's upgrade needs: the member's growth since <paramref name="since"/> and their level (null without
    /// a tier row). Null for an unknown member.
    /// </summary>
    public static Task<GrowthAndLevel?> GrowthAndLevelAsync(MemberGraphDb db, long memberId, DateTime since, CancellationToken cancellationToken) =>
        GrowthAndLevelQuery.For(db)(db, memberId, since, cancellationToken);

    /// <summary>Paid amount net of refunds of the member's orders paid at or after <c>since</c>.</summary>
    public static Task<long> GrowthOf(MemberGraphDb db, long memberId, DateTime since) => Growth.For(db)(db, memberId, since);
}

/// <summary>A member's growth in the window and their current level (null when they have no tier row yet).</summary>
public sealed record GrowthAndLevel(long Growth, int? Level);

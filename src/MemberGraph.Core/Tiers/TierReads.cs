using MemberGraph.Data;
using MemberGraph.Members;
using MemberGraph.Orders;
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

    /// <summary>
    /// SQLite only: marks the buyer as changed (<see cref="Member.TouchedAt"/>, as <see cref="MemberTouch"/> does) and answers, in the same
    /// statement, what <see cref="GrowthAndLevelAsync"/> answers — one statement inside the order's write turn instead of two. Its
    /// subqueries read inside the order's transaction, after the order's insert, and SQLite's one writer serialises them with every
    /// other order of the member. (On PostgreSQL a RETURNING subquery would read the statement's snapshot, taken before the wait for
    /// the member's row: it could miss an order of the same member committed meanwhile, so the engines with row locks keep the two.)
    /// </summary>
    public static Task<GrowthAndLevel?> TouchAndReadGrowthAsync(MemberGraphDb db, long memberId, DateTime touchedAt, DateTime since,
        CancellationToken cancellationToken) =>
        TouchedGrowthAndLevel.FirstOrDefaultAsync(db, [touchedAt, memberId, since], cancellationToken);

    private static readonly SqlRead<GrowthAndLevel> TouchedGrowthAndLevel = new(_ => """
        UPDATE "Members" SET "TouchedAt" = @touchedAt WHERE "Id" = @memberId
        RETURNING (SELECT COALESCE(SUM("PaidAmountCents" - "RefundedAmountCents"), 0) FROM "Orders" WHERE "MemberId" = @memberId AND "PaidAt" >= @since),
                  (SELECT "Level" FROM "MemberTiers" WHERE "MemberId" = @memberId LIMIT 1)
        """,
        row => new GrowthAndLevel(row.Get<long>(0), row.Get<int?>(1)),
        SqlArg.Like<Member>("touchedAt", nameof(Member.TouchedAt)), SqlArg.Of<long>("memberId"), SqlArg.Like<Order>("since", nameof(Order.PaidAt)));

    /// <summary>Paid amount net of refunds of the member's orders paid at or after <c>since</c>.</summary>
    public static Task<long> GrowthOf(MemberGraphDb db, long memberId, DateTime since) => Growth.For(db)(db, memberId, since);
}

/// <summary>A member's growth in the window and their current level (null when they have no tier row yet).</summary>
public sealed record GrowthAndLevel(long Growth, int? Level);

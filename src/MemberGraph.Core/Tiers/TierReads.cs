using MemberGraph.Data;
using Microsoft.EntityFrameworkCore;

namespace MemberGraph.Tiers;

/// <summary>Single-member reads on hot paths (the mini-program home), compiled once.</summary>
public static class TierReads
{
    public static readonly Func<MemberGraphDb, long, Task<MemberTier?>> TierOf =
        EF.CompileAsyncQuery((MemberGraphDb db, long memberId) => db.MemberTiers.AsNoTracking().FirstOrDefault(t => t.MemberId == memberId));

    /// <summary>Paid amount net of refunds of the member's orders paid at or after <c>since</c>.</summary>
    public static readonly Func<MemberGraphDb, long, DateTime, Task<long>> GrowthOf =
        EF.CompileAsyncQuery((MemberGraphDb db, long memberId, DateTime since) =>
            db.Orders.Where(o => o.MemberId == memberId && o.PaidAt >= since).Sum(o => o.PaidAmountCents - o.RefundedAmountCents));
}

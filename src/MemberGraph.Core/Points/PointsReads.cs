using MemberGraph.Data;
using Microsoft.EntityFrameworkCore;

namespace MemberGraph.Points;

/// <summary>Single-member reads on hot paths (the mini-program home), compiled once per provider model.</summary>
public static class PointsReads
{
    private static readonly CompiledPerModel<Func<MemberGraphDb, long, Task<PointsAccount?>>> Account = new(() =>
        EF.CompileAsyncQuery((MemberGraphDb db, long memberId) => db.PointsAccounts.AsNoTracking().FirstOrDefault(a => a.MemberId == memberId)));

    public static Task<PointsAccount?> AccountOf(MemberGraphDb db, long memberId) => Account.For(db)(db, memberId);
}

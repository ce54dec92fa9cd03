using MemberGraph.Data;
using Microsoft.EntityFrameworkCore;

namespace MemberGraph.Points;

/// <summary>Single-member reads on hot paths (the mini-program home), compiled once.</summary>
public static class PointsReads
{
    public static readonly Func<MemberGraphDb, long, Task<PointsAccount?>> AccountOf =
        EF.CompileAsyncQuery((MemberGraphDb db, long memberId) => db.PointsAccounts.AsNoTracking().FirstOrDefault(a => a.MemberId == memberId));
}

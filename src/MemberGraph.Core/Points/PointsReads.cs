using MemberGraph.Data;
using Microsoft.EntityFrameworkCore;

namespace MemberGraph.Points;

/// <summary>Single-member reads on hot paths (the mini-program home, an order's write turn), compiled once per provider model.</summary>
public static class PointsReads
{
    private static readonly CompiledPerModel<Func<MemberGraphDb, long, Task<PointsAccount?>>> Account = new(() =>
        EF.CompileAsyncQuery((MemberGraphDb db, long memberId) => db.PointsAccounts.AsNoTracking().FirstOrDefault(a => a.MemberId == memberId)));

    private static readonly CompiledPerModel<Func<MemberGraphDb, long, CancellationToken, Task<DateOnly?>>> Birthday = new(() =>
        EF.CompileAsyncQuery((MemberGraphDb db, long memberId, CancellationToken _) =>
            db.Members.Where(m => m.Id == memberId).Select(m => m.Birthday).FirstOrDefault()));

    public static Task<PointsAccount?> AccountOf(MemberGraphDb db, long memberId) => Account.For(db)(db, memberId);

    /// <summary>The buyer's birthday, which multiplies what an order earns in its month; read before the order's write turn.</summary>
    public static Task<DateOnly?> BirthdayOf(MemberGraphDb db, long memberId, CancellationToken cancellationToken) =>
        Birthday.For(db)(db, memberId, cancellationToken);
}

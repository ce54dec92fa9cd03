using GraphQL;
using MemberGraph.Data;
using MemberGraph.GraphQL;
using MemberGraph.GraphQL.DataLoaders;
using Microsoft.EntityFrameworkCore;

namespace MemberGraph.Members;

/// <summary>Batched reads of members and what hangs off them: one <c>WHERE id IN (...)</c> per level of the query.</summary>
public static class MemberDataLoaders
{
    public static BatchLoader<long, Member?> MemberById(this IResolveFieldContext context)
    {
        var loaderDb = context.Service<LoaderDb>();
        return context.Context().Loaders.GetOrAdd<long, Member?>("MemberById", () => new((ids, ct) => loaderDb.ReadAsync<IReadOnlyDictionary<long, Member?>>(async db =>
            await db.Members.AsNoTracking().WhereKeyIn(m => m.Id, ids).ToDictionaryAsync(m => m.Id, m => (Member?)m, ct), ct), null));
    }

    /// <summary>
    /// Whether the caller may read each member as <c>member(id:)</c> would let them (<see cref="MemberVisibility"/>), for
    /// fields that lead from another object to its member: one query per level.
    /// </summary>
    public static BatchLoader<long, bool> MemberReadableByCaller(this IResolveFieldContext context)
    {
        var loaderDb = context.Service<LoaderDb>();
        var caller = context.Caller();
        return context.Context().Loaders.GetOrAdd<long, bool>("MemberReadableByCaller", () => new((ids, ct) => loaderDb.ReadAsync<IReadOnlyDictionary<long, bool>>(async db =>
            await db.Members.AsNoTracking().WhereKeyIn(m => m.Id, ids).VisibleTo(db, caller).Select(m => m.Id).ToDictionaryAsync(id => id, _ => true, ct), ct), false));
    }

    public static BatchLoader<long, IReadOnlyList<Identity>> IdentitiesByMember(this IResolveFieldContext context)
    {
        var factory = context.Service<IDbContextFactory<MemberGraphDb>>();
        return context.Context().Loaders.GetOrAdd<long, IReadOnlyList<Identity>>("IdentitiesByMember", () => new(async (ids, ct) =>
        {
            await using var db = await factory.CreateDbContextAsync(ct);
            var rows = await db.Identities.AsNoTracking().WhereKeyIn(i => i.MemberId, ids).OrderBy(i => i.Id).ToListAsync(ct);
            return rows.GroupBy(i => i.MemberId).ToDictionary(g => g.Key, g => (IReadOnlyList<Identity>)g.ToList());
        }, []));
    }
}

using GraphQL;
using MemberGraph.Data;
using MemberGraph.GraphQL;
using MemberGraph.GraphQL.DataLoaders;
using Microsoft.EntityFrameworkCore;

namespace MemberGraph.Members;

/// <summary>Batched reads of members and their identities: one <c>WHERE id IN (...)</c> per level of the query.</summary>
public static class MemberDataLoaders
{
    public static BatchLoader<long, Member?> MemberById(this IResolveFieldContext context)
    {
        var factory = context.Service<IDbContextFactory<MemberGraphDb>>();
        return context.Context().Loaders.GetOrAdd<long, Member?>("MemberById", () => new(async (ids, ct) =>
        {
            await using var db = await factory.CreateDbContextAsync(ct);
            return await db.Members.AsNoTracking().Where(m => ids.Contains(m.Id)).ToDictionaryAsync(m => m.Id, m => (Member?)m, ct);
        }, null));
    }

    public static BatchLoader<long, IReadOnlyList<Identity>> IdentitiesByMember(this IResolveFieldContext context)
    {
        var factory = context.Service<IDbContextFactory<MemberGraphDb>>();
        return context.Context().Loaders.GetOrAdd<long, IReadOnlyList<Identity>>("IdentitiesByMember", () => new(async (ids, ct) =>
        {
            await using var db = await factory.CreateDbContextAsync(ct);
            var rows = await db.Identities.AsNoTracking().Where(i => ids.Contains(i.MemberId)).OrderBy(i => i.Id).ToListAsync(ct);
            return rows.GroupBy(i => i.MemberId).ToDictionary(g => g.Key, g => (IReadOnlyList<Identity>)g.ToList());
        }, []));
    }
}

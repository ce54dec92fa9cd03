using GraphQL;
using MemberGraph.Data;
using MemberGraph.GraphQL;
using MemberGraph.GraphQL.DataLoaders;
using Microsoft.EntityFrameworkCore;

namespace MemberGraph.Stores;

/// <summary>Batched store reads: one <c>WHERE id IN (...)</c> per level of the query.</summary>
public static class StoreDataLoaders
{
    public static BatchLoader<long, Store?> StoreById(this IResolveFieldContext context)
    {
        var factory = context.Service<IDbContextFactory<MemberGraphDb>>();
        return context.Context().Loaders.GetOrAdd<long, Store?>("StoreById", () => new(async (ids, ct) =>
        {
            await using var db = await factory.CreateDbContextAsync(ct);
            return await db.Stores.AsNoTracking().WhereKeyIn(s => s.Id, ids).ToDictionaryAsync(s => s.Id, s => (Store?)s, ct);
        }, null));
    }
}

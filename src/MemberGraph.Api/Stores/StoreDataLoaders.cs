using GraphQL;
using MemberGraph.Data;
using MemberGraph.GraphQL;
using MemberGraph.GraphQL.DataLoaders;
using Microsoft.EntityFrameworkCore;

namespace MemberGraph.Stores;

public static class StoreDataLoaders
{
    public static BatchLoader<long, Store?> StoreById(this IResolveFieldContext context)
    {
        var factory = context.Service<IDbContextFactory<MemberGraphDb>>();
        return context.Context().Loaders.GetOrAdd<long, Store?>("StoreById", () => new(async (ids, ct) =>
        {
            await using var db = await factory.CreateDbContextAsync(ct);
            return await db.Stores.AsNoTracking().Where(s => ids.Contains(s.Id)).ToDictionaryAsync(s => s.Id, s => (Store?)s, ct);
        }, null));
    }
}

using GraphQL;
using MemberGraph.Data;
using MemberGraph.GraphQL;
using MemberGraph.GraphQL.DataLoaders;
using Microsoft.EntityFrameworkCore;

namespace MemberGraph.Guides;

/// <summary>Batched reads for the guide types: one <c>WHERE id IN (...)</c> per level of the query.</summary>
public static class GuideDataLoaders
{
    public static BatchLoader<long, Guide?> GuideById(this IResolveFieldContext context)
    {
        var factory = context.Service<IDbContextFactory<MemberGraphDb>>();
        return context.Context().Loaders.GetOrAdd<long, Guide?>("GuideById", () => new(async (ids, ct) =>
        {
            await using var db = await factory.CreateDbContextAsync(ct);
            return await db.Guides.AsNoTracking().WhereKeyIn(g => g.Id, ids).ToDictionaryAsync(g => g.Id, g => (Guide?)g, ct);
        }, null));
    }

    public static BatchLoader<long, GuideRelationship?> GuideRelationshipById(this IResolveFieldContext context)
    {
        var factory = context.Service<IDbContextFactory<MemberGraphDb>>();
        return context.Context().Loaders.GetOrAdd<long, GuideRelationship?>("GuideRelationshipById", () => new(async (ids, ct) =>
        {
            await using var db = await factory.CreateDbContextAsync(ct);
            return await db.GuideRelationships.AsNoTracking().WhereKeyIn(r => r.Id, ids).ToDictionaryAsync(r => r.Id, r => (GuideRelationship?)r, ct);
        }, null));
    }
}

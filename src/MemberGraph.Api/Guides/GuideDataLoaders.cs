using GraphQL;
using MemberGraph.Data;
using MemberGraph.GraphQL;
using MemberGraph.GraphQL.DataLoaders;
using MemberGraph.Stores;
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

    /// <summary>The member's open exclusive guide (at most one, enforced by a filtered unique index).</summary>
    public static BatchLoader<long, Guide?> ExclusiveGuideByMember(this IResolveFieldContext context)
    {
        var factory = context.Service<IDbContextFactory<MemberGraphDb>>();
        return context.Context().Loaders.GetOrAdd<long, Guide?>("ExclusiveGuideByMember", () => new(async (ids, ct) =>
        {
            await using var db = await factory.CreateDbContextAsync(ct);
            var rows = await db.GuideRelationships.AsNoTracking()
                .Where(r => ids.Contains(r.MemberId) && r.Kind == GuideRelationshipKind.Exclusive && r.EndedAt == null)
                .Select(r => new { r.MemberId, Guide = r.Guide! })
                .ToListAsync(ct);
            return rows.DistinctBy(r => r.MemberId).ToDictionary(r => r.MemberId, r => (Guide?)r.Guide);
        }, null));
    }

    /// <summary>The member's service store: the store of their open exclusive guide (one query joining both).</summary>
    public static BatchLoader<long, Store?> ServiceStoreByMember(this IResolveFieldContext context)
    {
        var factory = context.Service<IDbContextFactory<MemberGraphDb>>();
        return context.Context().Loaders.GetOrAdd<long, Store?>("ServiceStoreByMember", () => new(async (ids, ct) =>
        {
            await using var db = await factory.CreateDbContextAsync(ct);
            var rows = await db.GuideRelationships.AsNoTracking()
                .Where(r => ids.Contains(r.MemberId) && r.Kind == GuideRelationshipKind.Exclusive && r.EndedAt == null)
                .Select(r => new { r.MemberId, Store = r.Guide!.Store! })
                .ToListAsync(ct);
            return rows.DistinctBy(r => r.MemberId).ToDictionary(r => r.MemberId, r => (Store?)r.Store);
        }, null));
    }
}

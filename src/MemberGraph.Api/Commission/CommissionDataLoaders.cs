using GraphQL;
using MemberGraph.Data;
using MemberGraph.GraphQL;
using MemberGraph.GraphQL.DataLoaders;
using Microsoft.EntityFrameworkCore;

namespace MemberGraph.Commission;

/// <summary>Batched reads of commission: one query per level, whatever the number of guides.</summary>
public static class CommissionDataLoaders
{
    public static BatchLoader<long, GuideCommissionTotals?> CommissionTotalsByGuide(this IResolveFieldContext context)
    {
        var factory = context.Service<IDbContextFactory<MemberGraphDb>>();
        return context.Context().Loaders.GetOrAdd<long, GuideCommissionTotals?>("CommissionTotalsByGuide", () => new(async (ids, ct) =>
        {
            await using var db = await factory.CreateDbContextAsync(ct);
            return await db.GuideCommissionTotals.AsNoTracking().WhereKeyIn(t => t.GuideId, ids).ToDictionaryAsync(t => t.GuideId, t => (GuideCommissionTotals?)t, ct);
        }, null));
    }
}

using GraphQL;
using MemberGraph.Data;
using MemberGraph.GraphQL;
using MemberGraph.GraphQL.DataLoaders;
using Microsoft.EntityFrameworkCore;

namespace MemberGraph.Guides.Tasks;

/// <summary>Batched reads for the guide-task types: one statement per level of the query.</summary>
public static class GuideTaskDataLoaders
{
    public static BatchLoader<long, GuideTaskCampaign?> GuideTaskCampaignById(this IResolveFieldContext context)
    {
        var factory = context.Service<IDbContextFactory<MemberGraphDb>>();
        return context.Context().Loaders.GetOrAdd<long, GuideTaskCampaign?>("GuideTaskCampaignById", () => new(async (ids, ct) =>
        {
            await using var db = await factory.CreateDbContextAsync(ct);
            return await db.GuideTaskCampaigns.AsNoTracking().WhereKeyIn(c => c.Id, ids).ToDictionaryAsync(c => c.Id, c => (GuideTaskCampaign?)c, ct);
        }, null));
    }

    /// <summary>A page of campaigns' figures in one GROUP BY; staff count only their store's tasks (a loader per store).</summary>
    public static BatchLoader<long, GuideTaskFigures> GuideTaskFiguresByCampaign(this IResolveFieldContext context, long? storeId)
    {
        var rates = context.Service<GuideTaskRates>();
        return context.Context().Loaders.GetOrAdd<long, GuideTaskFigures>($"GuideTaskFiguresByCampaign:{storeId}", () => new(async (ids, ct) =>
            await rates.ForCampaignsAsync(ids, storeId, ct), GuideTaskFigures.None));
    }
}

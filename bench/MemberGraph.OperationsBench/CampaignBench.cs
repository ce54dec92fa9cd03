using MemberGraph.Auth;
using MemberGraph.Data;
using MemberGraph.Guides.Tasks;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace MemberGraph.OperationsBench;

/// <summary>
/// Guide task campaigns: creates a campaign over the largest saved segment (counted now), as createGuideTaskCampaign
/// does — the set-based fill in batches of member ids — and prints wall and CPU time, tasks written and their split.
/// </summary>
internal static class CampaignBench
{
    public static async Task RunAsync(IServiceProvider services)
    {
        var factory = services.GetRequiredService<IDbContextFactory<MemberGraphDb>>();
        var segments = services.GetRequiredService<Segments.SegmentService>();
        (long Id, string Name, long Count)? largest = null;
        await using (var db = await factory.CreateDbContextAsync())
        {
            foreach (var segment in await db.Segments.AsNoTracking().ToListAsync())
            {
                var (audience, _) = await segments.CompileAsync(segment.Expression, CancellationToken.None);
                var count = audience is null ? 0 : await segments.CountAsync(audience, CancellationToken.None);
                Console.WriteLine($"segment '{segment.Name}': {count:N0} members");
                if (largest is null || count > largest.Value.Count)
                {
                    largest = (segment.Id, segment.Name, count);
                }
            }
        }

        if (largest is not { } chosen)
        {
            Console.WriteLine("no saved segment: nothing to time");
            return;
        }

        var admin = new Caller("bench", Roles.Admin, null, null, null, null, new HashSet<string>());
        var input = new CreateGuideTaskCampaignInput($"bench {DateTime.UtcNow:HHmmss}", GuideTaskKind.DormantRecall, "bench", chosen.Id, null, 7, $"bench-{Guid.NewGuid():N}");
        var measure = Measure.Start();
        var created = await services.GetRequiredService<GuideTaskCampaignService>().CreateAsync(admin, input, CancellationToken.None);
        var figures = measure.Stop();
        if (!created.Succeeded)
        {
            Console.WriteLine($"refused: {created.Error!.Message}");
            return;
        }

        var counts = (await services.GetRequiredService<GuideTaskRates>().ForCampaignsAsync([created.Value!.Id], null, CancellationToken.None))[created.Value.Id];
        Console.WriteLine($"campaign over '{chosen.Name}' ({chosen.Count:N0} members): {figures}; {counts.Members:N0} task rows " +
                          $"({counts.Assigned:N0} assigned, {counts.Unassigned:N0} unassigned, {counts.Skipped:N0} skipped), " +
                          $"{counts.Members / Math.Max(0.001, figures.Wall.TotalSeconds):N0} rows/s wall");
    }
}

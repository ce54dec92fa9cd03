using MemberGraph.Data;
using MemberGraph.Jobs;
using Microsoft.EntityFrameworkCore;

namespace MemberGraph.Guides.Tasks;

/// <summary>
/// <c>guide-task-campaigns</c> (every 5 minutes): finishes campaigns whose fill stopped half-way (the gateway stopped or
/// crashed during <c>createGuideTaskCampaign</c>), from each one's watermark.
/// </summary>
public sealed class GuideTaskCampaignJob(IDbContextFactory<MemberGraphDb> factory, GuideTaskCampaignFiller filler) : IMemberGraphJob
{
    public const string JobName = "guide-task-campaigns";

    public string Name => JobName;

    public string Schedule => "0 0/5 * * * ?";

    public async Task RunAsync(JobRunContext run, CancellationToken cancellationToken)
    {
        List<long> filling;
        await using (var db = await factory.CreateDbContextAsync(cancellationToken))
        {
            filling = await db.GuideTaskCampaigns.Where(c => c.Status == GuideTaskCampaignStatus.Filling).OrderBy(c => c.Id).Select(c => c.Id).ToListAsync(cancellationToken);
        }

        long inserted = 0;
        foreach (var id in filling)
        {
            inserted += await filler.FillAsync(id, cancellationToken);
        }

        await run.ReportAsync(inserted, inserted, $"{{\"campaigns\":{filling.Count},\"tasksInserted\":{inserted}}}", cancellationToken);
    }
}

using MemberGraph.Data;
using MemberGraph.Domain;
using MemberGraph.Segments;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace MemberGraph.Guides.Tasks;

/// <summary>
/// Fills a campaign with tasks, set-based, batch by batch of member ids from the campaign's watermark up to the highest
/// member id at creation. Per batch: ONE statement reads the batch's segment members with what assigning needs
/// (<see cref="TaskCandidate"/>), then one transaction claims the batch by moving the watermark
/// (<c>UPDATE … WHERE FilledUpToMemberId = from - 1</c>), inserts the rows and commits. A fill killed half-way leaves
/// whole batches and the watermark that says so; started again (the <c>guide-task-campaigns</c> job, or another
/// instance) it continues after the last committed batch, and the unique (campaign, member) index with the writer's
/// <c>NOT EXISTS</c> keeps a batch written twice from doubling anything.
/// </summary>
public sealed class GuideTaskCampaignFiller(
    IDbContextFactory<MemberGraphDb> factory, SegmentService segments, DomainEventDispatcher events, IOptions<GuideTaskOptions> options,
    TimeProvider clock, ILogger<GuideTaskCampaignFiller> logger)
{
    /// <summary>Fills the campaign to its end, or until another filler is found moving its watermark. Returns the rows this call inserted.</summary>
    public async Task<long> FillAsync(long campaignId, CancellationToken cancellationToken)
    {
        GuideTaskCampaign campaign;
        GuideRota rota;
        string expression;
        await using (var db = await factory.CreateDbContextAsync(cancellationToken))
        {
            campaign = await db.GuideTaskCampaigns.AsNoTracking().SingleAsync(c => c.Id == campaignId, cancellationToken);
            expression = await db.Segments.Where(s => s.Id == campaign.SegmentId).Select(s => s.Expression).SingleAsync(cancellationToken);
            rota = await GuideRota.LoadAsync(db, cancellationToken);
        }

        if (campaign.Status == GuideTaskCampaignStatus.Ready)
        {
            return 0;
        }

        var (audience, error) = await segments.CompileAsync(expression, cancellationToken);
        if (audience is null)
        {
            throw new InvalidOperationException($"Campaign {campaignId}: its segment no longer compiles ({error?.Message}).");
        }

        var size = Math.Max(1, options.Value.BatchSize);
        long inserted = 0;
        for (var from = campaign.FilledUpToMemberId + 1; ; from += size)
        {
            var to = Math.Min(campaign.LastMemberId, from + size - 1);
            var batch = await WriteBatchAsync(campaign, audience, rota, from, to, cancellationToken);
            if (batch is null)
            {
                logger.LogInformation("Campaign {CampaignId}: batch from member {From} was taken by another filler; leaving it the rest", campaignId, from);
                break;
            }

            inserted += batch.Value;
            if (to >= campaign.LastMemberId)
            {
                break;
            }
        }

        return inserted;
    }

    /// <summary>One batch; null when another filler had moved the watermark past <paramref name="from"/> - 1.</summary>
    private async Task<int?> WriteBatchAsync(GuideTaskCampaign campaign, SegmentAudience audience, GuideRota rota, long from, long to, CancellationToken cancellationToken)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var candidates = await TaskCandidate.Of(db, audience.MembersIn(db).Where(m => m.Id >= from && m.Id <= to)).ToListAsync(cancellationToken);
        var rows = candidates.ConvertAll(c => RowFor(c, rota));

        var now = clock.GetUtcNow().UtcDateTime;
        var last = to >= campaign.LastMemberId;
        await using var work = await events.BeginAsync(db, cancellationToken);
        var claimed = await db.GuideTaskCampaigns
            .Where(c => c.Id == campaign.Id && c.Status == GuideTaskCampaignStatus.Filling && c.FilledUpToMemberId == from - 1)
            .ExecuteUpdateAsync(s => s
                .SetProperty(c => c.FilledUpToMemberId, to)
                .SetProperty(c => c.Status, last ? GuideTaskCampaignStatus.Ready : GuideTaskCampaignStatus.Filling)
                .SetProperty(c => c.FilledAt, last ? now : null), cancellationToken);
        if (claimed == 0)
        {
            return null;
        }

        var inserted = await GuideTaskWriter.InsertAsync(db, campaign, rows, now, cancellationToken);
        if (inserted == rows.Count)
        {
            // A batch written again after a restart met rows of the first attempt (inserted < rows): those guides heard already.
            foreach (var perGuide in rows.Where(r => r.Status == GuideTaskStatus.Open).GroupBy(r => r.GuideId!.Value))
            {
                work.Publish(new GuideTasksAssigned(perGuide.Key, campaign.Id, null, campaign.Kind, perGuide.Count(), now));
            }
        }

        await work.CommitAsync(cancellationToken);
        return inserted;
    }

    private static NewGuideTask RowFor(TaskCandidate candidate, GuideRota rota)
    {
        if (candidate.OutreachWithdrawn)
        {
            return new NewGuideTask(candidate.MemberId, null, null, GuideTaskRoute.None, GuideTaskStatus.Skipped);
        }

        var (guideId, storeId, route) = rota.Assign(candidate);
        return guideId is null
            ? new NewGuideTask(candidate.MemberId, null, null, GuideTaskRoute.None, GuideTaskStatus.Unassigned)
            : new NewGuideTask(candidate.MemberId, guideId, storeId, route, GuideTaskStatus.Open);
    }
}

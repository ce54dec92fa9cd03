using MemberGraph.Jobs;

namespace MemberGraph.Tiers;

/// <summary>Recomputes every tier from rolling 12-month growth: the only place downgrades happen (daily, 03:00 China time).</summary>
public sealed class TierRecomputeJob(TierService tiers) : IMemberGraphJob
{
    public string Name => "tier-recompute";

    public string Schedule => "0 0 3 * * ?";

    public async Task RunAsync(JobRunContext run, CancellationToken cancellationToken)
    {
        var changed = await tiers.RecomputeTiersAsync(run.Now, cancellationToken: cancellationToken);
        await run.ReportAsync(changed, changed, $"{{\"tierChanges\":{changed}}}", cancellationToken);
    }
}

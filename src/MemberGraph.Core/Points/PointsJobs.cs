using MemberGraph.Jobs;

namespace MemberGraph.Points;

/// <summary>Pending points whose order's return window has closed become available (every 15 minutes).</summary>
public sealed class PendingPointsReleaseJob(PointsMaintenance maintenance) : IMemberGraphJob
{
    public string Name => "points-release";

    public string Schedule => "0 0/15 * * * ?";

    public async Task RunAsync(JobRunContext run, CancellationToken cancellationToken)
    {
        var released = await maintenance.ReleasePendingPointsAsync(run.Now, cancellationToken: cancellationToken);
        await run.ReportAsync(released, released, $"{{\"releasedLots\":{released}}}", cancellationToken);
    }
}

/// <summary>Expired points lots are removed, oldest first, with an EXPIRE ledger entry (daily, 00:30 China time).</summary>
public sealed class PointsExpiryJob(PointsMaintenance maintenance) : IMemberGraphJob
{
    public string Name => "points-expiry";

    public string Schedule => "0 30 0 * * ?";

    public async Task RunAsync(JobRunContext run, CancellationToken cancellationToken)
    {
        var expired = await maintenance.ExpirePointsAsync(run.Now, cancellationToken: cancellationToken);
        await run.ReportAsync(expired, expired, $"{{\"expiredLots\":{expired}}}", cancellationToken);
    }
}

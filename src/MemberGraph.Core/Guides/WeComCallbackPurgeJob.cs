using MemberGraph.Data;
using MemberGraph.Jobs;
using MemberGraph.Tencent.WeCom;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace MemberGraph.Guides;

/// <summary>
/// Deletes the replay keys of WeCom callbacks received longer ago than <c>WeCom:CallbackEventRetention</c> (7 days),
/// daily at 04:30. Far beyond WeCom's redelivery (seconds) and twice the callback window at least, so no delivery a
/// purged key protected against can still be accepted (<see cref="WeComCallbackAge"/>). In batches, so a table that
/// grew for years is emptied without one long write lock.
/// </summary>
public sealed class WeComCallbackPurgeJob(IDbContextFactory<MemberGraphDb> factory, IOptions<WeComOptions> options, ILogger<WeComCallbackPurgeJob> logger)
    : IMemberGraphJob
{
    public string Name => "wecom-callback-purge";

    public string Schedule => "0 30 4 * * ?";

    public async Task RunAsync(JobRunContext run, CancellationToken cancellationToken)
    {
        var receivedBefore = run.Now - options.Value.CallbackEventRetention;
        await BatchedPurge.RunAsync(Name, run, factory, db => db.WeComCallbackEvents.Where(e => e.ReceivedAt < receivedBefore).OrderBy(e => e.Id),
            "receivedBefore", receivedBefore, logger, cancellationToken);
    }
}

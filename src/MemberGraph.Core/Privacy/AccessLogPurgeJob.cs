using MemberGraph.Data;
using MemberGraph.Jobs;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace MemberGraph.Privacy;

/// <summary>
/// Deletes access-log lines older than <c>Privacy:AccessLogRetention</c> (a year; never under six months, the floor the
/// Cybersecurity Law sets for network logs), daily at 05:00: the log names members, so it too is kept no longer than
/// its purpose, answering who read whose data.
/// </summary>
public sealed class AccessLogPurgeJob(
    IDbContextFactory<MemberGraphDb> factory, IOptions<PrivacyRetentionOptions> options, ILogger<AccessLogPurgeJob> logger) : IMemberGraphJob
{
    public string Name => "access-log-purge";

    public string Schedule => "0 0 5 * * ?";

    public async Task RunAsync(JobRunContext run, CancellationToken cancellationToken)
    {
        var readBefore = run.Now - options.Value.AccessLogRetention;
        await BatchedPurge.RunAsync(Name, run, factory, db => db.AccessLog.Where(e => e.At < readBefore).OrderBy(e => e.Id),
            "readBefore", readBefore, logger, cancellationToken);
    }
}

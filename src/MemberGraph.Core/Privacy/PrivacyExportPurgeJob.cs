using MemberGraph.Data;
using MemberGraph.Jobs;
using Microsoft.EntityFrameworkCore;

namespace MemberGraph.Privacy;

/// <summary>
/// Deletes the data exports whose time is up (<see cref="Export.DataExport.KeptUntil"/>, a day after each was built:
/// no link opens them any more), daily at 04:45. Exports are rows of the database, so every instance's exports are
/// reached from whichever instance runs the job.
/// </summary>
public sealed class PrivacyExportPurgeJob(IDbContextFactory<MemberGraphDb> factory, ILogger<PrivacyExportPurgeJob> logger) : IMemberGraphJob
{
    public string Name => "privacy-export-purge";

    public string Schedule => "0 45 4 * * ?";

    public async Task RunAsync(JobRunContext run, CancellationToken cancellationToken)
    {
        var now = run.Now;
        await BatchedPurge.RunAsync(Name, run, factory, db => db.DataExports.Where(e => e.KeptUntil <= now).OrderBy(e => e.Id),
            "keptUntil", now, logger, cancellationToken);
    }
}

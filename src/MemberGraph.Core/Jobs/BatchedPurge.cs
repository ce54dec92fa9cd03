using System.Globalization;
using MemberGraph.Data;
using Microsoft.EntityFrameworkCore;

namespace MemberGraph.Jobs;

/// <summary>
/// The loop every retention job runs: delete what is due in batches of <see cref="BatchSize"/>, each its own short
/// transaction (a table that grew for years is emptied without one long write lock), reporting the running count on the
/// JobRun as figure <c>purged</c> with the cut-off in the summary.
/// </summary>
public static class BatchedPurge
{
    public const int BatchSize = 5_000;

    /// <param name="due">The rows to delete, ordered by id (so each batch reads the oldest first).</param>
    /// <param name="cutoffName">The summary's name for the cut-off, e.g. <c>receivedBefore</c>.</param>
    public static async Task<long> RunAsync<TRow>(
        string job,
        JobRunContext run,
        IDbContextFactory<MemberGraphDb> factory,
        Func<MemberGraphDb, IQueryable<TRow>> due,
        string cutoffName,
        DateTime cutoff,
        ILogger logger,
        CancellationToken cancellationToken)
    {
        long purged = 0;
        int deleted;
        do
        {
            await using var db = await factory.CreateDbContextAsync(cancellationToken);
            deleted = await due(db).Take(BatchSize).ExecuteDeleteAsync(cancellationToken);
            purged += deleted;
            logger.LogInformation("{Job}: {Deleted} row(s) deleted, {Purged} in this run ({CutoffName} {Cutoff:O})", job, deleted, purged, cutoffName, cutoff);
            await run.ReportAsync(purged, summary: string.Create(CultureInfo.InvariantCulture, $"{{\"{cutoffName}\":\"{cutoff:O}\",\"purged\":{purged}}}"),
                cancellationToken: cancellationToken);
        }
        while (deleted == BatchSize);

        return purged;
    }
}

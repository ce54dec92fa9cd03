using MemberGraph.Data;
using MemberGraph.Jobs;
using Microsoft.EntityFrameworkCore;

namespace MemberGraph.Guides.Tasks;

/// <summary>
/// <c>guide-task-expiry</c> (every 15 minutes): open tasks past their due time become EXPIRED, in batches of ids so that
/// no transaction holds the table long. Completing a task past due is refused even before this job has run.
/// </summary>
public sealed class GuideTaskExpiryJob(IDbContextFactory<MemberGraphDb> factory) : IMemberGraphJob
{
    public const string JobName = "guide-task-expiry";
    private const int BatchSize = 5_000;

    public string Name => JobName;

    public string Schedule => "0 0/15 * * * ?";

    public async Task RunAsync(JobRunContext run, CancellationToken cancellationToken)
    {
        var now = run.Now;
        long expired = 0;
        while (true)
        {
            await using var db = await factory.CreateDbContextAsync(cancellationToken);
            var ids = await db.GuideTasks.Where(t => t.Status == GuideTaskStatus.Open && t.DueAt <= now)
                .OrderBy(t => t.Id).Select(t => t.Id).Take(BatchSize).ToListAsync(cancellationToken);
            if (ids.Count == 0)
            {
                break;
            }

            // The status condition again: a task completed since the read stays done.
            expired += await db.GuideTasks.Where(t => ids.Contains(t.Id) && t.Status == GuideTaskStatus.Open)
                .ExecuteUpdateAsync(s => s.SetProperty(t => t.Status, GuideTaskStatus.Expired), cancellationToken);
            await run.ReportAsync(expired, null, $"{{\"expired\":{expired}}}", cancellationToken);
        }

        await run.ReportAsync(expired, expired, $"{{\"expired\":{expired}}}", cancellationToken);
    }
}

using System.Globalization;
using MemberGraph.Auth;
using MemberGraph.Data;
using MemberGraph.Jobs;
using Microsoft.EntityFrameworkCore;

namespace MemberGraph.Privacy.Erasure;

/// <summary>
/// Erases the members whose cooling-off period has ended (hourly, at :35), oldest due first, each in its own transaction
/// (<see cref="MemberErasure"/>). Idempotent: a request is completed by the run that erased it, so a second run finds
/// nothing more to do. Figures: <c>due</c>, <c>erased</c>, <c>alreadyErased</c>, <c>skipped</c> (cancelled in between).
/// </summary>
public sealed class ErasureJob(IDbContextFactory<MemberGraphDb> factory, MemberErasure erasure) : IMemberGraphJob
{
    private static readonly Caller Job = new("job:privacy-erasure", "job", null, null, null, null, new HashSet<string>());

    public string Name => "privacy-erasure";

    public string Schedule => "0 35 * * * ?";

    public async Task RunAsync(JobRunContext run, CancellationToken cancellationToken)
    {
        List<long> due;
        await using (var db = await factory.CreateDbContextAsync(cancellationToken))
        {
            due = await db.ErasureRequests.AsNoTracking()
                .Where(r => r.Status == ErasureStatus.Pending && r.DueAt <= run.Now)
                .OrderBy(r => r.DueAt).ThenBy(r => r.Id)
                .Select(r => r.Id)
                .ToListAsync(cancellationToken);
        }

        var counts = new Dictionary<ErasureResult, long> { [ErasureResult.Erased] = 0, [ErasureResult.AlreadyErased] = 0, [ErasureResult.Skipped] = 0 };
        await run.ReportAsync(0, due.Count, Summary(due.Count, counts), cancellationToken);
        for (var i = 0; i < due.Count; i++)
        {
            counts[await erasure.EraseAsync(due[i], run.Now, Job, cancellationToken)]++;
            await run.ReportAsync(i + 1, due.Count, Summary(due.Count, counts), cancellationToken);
        }
    }

    private static string Summary(long due, Dictionary<ErasureResult, long> counts) => string.Create(CultureInfo.InvariantCulture,
        $"{{\"due\":{due},\"erased\":{counts[ErasureResult.Erased]},\"alreadyErased\":{counts[ErasureResult.AlreadyErased]}," +
        $"\"skipped\":{counts[ErasureResult.Skipped]}}}");
}

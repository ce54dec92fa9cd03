using MemberGraph.Auth;
using MemberGraph.Jobs;

namespace MemberGraph.Guides;

/// <summary>Completes or fails customer transfers whose 24 h WeCom takeover is due (hourly, at :20).</summary>
public sealed class TransferCompletionJob(CustomerTransferCompletion completion) : IMemberGraphJob
{
    private static readonly Caller Job = new("job:transfer-completion", "job", null, null, null, null, new HashSet<string>());

    public string Name => "transfer-completion";

    public string Schedule => "0 20 * * * ?";

    public async Task RunAsync(JobRunContext run, CancellationToken cancellationToken)
    {
        var report = await completion.CompleteDueTransfersAsync(run.Now, Job, cancellationToken);
        var processed = report.Completed + report.Failed;
        await run.ReportAsync(processed, processed + report.StillPending,
            $"{{\"completed\":{report.Completed},\"failed\":{report.Failed},\"stillPending\":{report.StillPending}}}", cancellationToken);
    }
}

using MemberGraph.Jobs;

namespace MemberGraph.Operations.Journeys;

/// <summary>Every minute: one journey evaluation pass over the due enrolments (<see cref="JourneyAdvance"/>).</summary>
public sealed class JourneyAdvanceJob(JourneyAdvance advance) : IMemberGraphJob
{
    public string Name => "journey-advance";

    public string Schedule => "0 * * * * ?";

    public async Task RunAsync(JobRunContext run, CancellationToken cancellationToken)
    {
        var figures = await advance.AdvanceAsync(run.Now, f => run.ReportAsync(f.Processed, summary: f.Summary(), cancellationToken: cancellationToken), cancellationToken);
        await run.ReportAsync(figures.Processed, figures.Processed, figures.Summary(), cancellationToken);
    }
}

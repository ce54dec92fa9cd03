using MemberGraph.Jobs;

namespace MemberGraph.Tags.Tagging;

/// <summary>
/// A feature that reacts to a finished tagging run (journeys detect segment entries): called once every batch of the
/// run has been applied, still inside the run's JobRun, so its failure fails the run and the next run does it again.
/// Whatever it writes must be safe to repeat.
/// </summary>
public interface ITaggingRunListener
{
    /// <summary>Does its work after the run; returns figures to keep in the run's summary (name → count).</summary>
    Task<IReadOnlyDictionary<string, long>> TaggingRunFinishedAsync(JobRunContext run, CancellationToken cancellationToken);
}

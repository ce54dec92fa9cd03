using MemberGraph.Data;
using MemberGraph.Jobs;
using MemberGraph.Tags.Tagging;
using Microsoft.EntityFrameworkCore;

namespace MemberGraph.Operations.Journeys;

/// <summary>
/// ENTERED_SEGMENT: after each tagging run (full or incremental), every segment an active journey is triggered by is
/// evaluated once (<see cref="SegmentEntryDetection"/>) and its entries enrolled in those journeys. Paused and draft
/// journeys enrol nobody; with no active ENTERED_SEGMENT journey this costs one small read.
/// </summary>
public sealed class EnrolOnSegmentEntry(IDbContextFactory<MemberGraphDb> factory, SegmentEntryDetection detection) : ITaggingRunListener
{
    public Task<IReadOnlyDictionary<string, long>> TaggingRunFinishedAsync(JobRunContext run, CancellationToken cancellationToken) =>
        detection.ExclusiveAsync(async () =>
        {
            List<Journey> journeys;
            await using (var db = await factory.CreateDbContextAsync(cancellationToken))
            {
                journeys = await db.Journeys.AsNoTracking()
                    .Where(j => j.TriggerKind == JourneyTriggerKind.EnteredSegment && j.Status == JourneyStatus.Active && j.TriggerSegmentId != null)
                    .ToListAsync(cancellationToken);
            }

            var figures = SegmentEntryFigures.None;
            foreach (var segment in journeys.GroupBy(j => j.TriggerSegmentId!.Value))
            {
                figures = figures.Plus(await detection.DetectAsync(segment.Key, segment.ToList(), run.Now, cancellationToken));
            }

            return (IReadOnlyDictionary<string, long>)new Dictionary<string, long>
            {
                ["segmentsWatched"] = journeys.Select(j => j.TriggerSegmentId).Distinct().Count(),
                ["segmentEntries"] = figures.Entered,
                ["segmentExits"] = figures.Left,
                ["segmentEnrolments"] = figures.Enrolled,
            };
        }, cancellationToken);
}

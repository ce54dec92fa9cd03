using MemberGraph.Auth;
using MemberGraph.Data;
using MemberGraph.Operations.Journeys;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace MemberGraph.OperationsBench;

/// <summary>
/// ENTERED_SEGMENT on the largest saved segment: (1) activating a journey on it takes the baseline (a membership row per
/// member in the segment); (2) an evaluation with nothing changed, what every tagging run then adds; (3) an evaluation
/// where <c>--segment-entries</c> members (default 1,000) entered — their rows removed, as if they had not been in —,
/// each enrolled in the journey.
/// </summary>
internal static class SegmentEntryBench
{
    public static async Task RunAsync(IServiceProvider services, IReadOnlyDictionary<string, string> options)
    {
        var entries = int.Parse(options.GetValueOrDefault("segment-entries", "1000"), System.Globalization.CultureInfo.InvariantCulture);
        var factory = services.GetRequiredService<IDbContextFactory<MemberGraphDb>>();
        var segmentId = long.Parse(options.GetValueOrDefault("segment-id", "0"), System.Globalization.CultureInfo.InvariantCulture);
        if (segmentId == 0)
        {
            segmentId = await LargestAsync(services);
        }

        var admin = new Caller("bench", Roles.Admin, null, null, null, null, new HashSet<string>());
        var journeys = services.GetRequiredService<JourneyService>();
        var defined = await journeys.DefineAsync(new JourneyDefinition(
            $"bench entered {Guid.NewGuid():N}", JourneyTriggerKind.EnteredSegment, null, segmentId, 0, null, null,
            [new JourneyActionDefinition(JourneyActionKind.GuideTask, null, null, null, null, "bench", 7)], null, null, 7), admin, CancellationToken.None);
        var journey = defined.Value ?? throw new InvalidOperationException(defined.Error?.Message);

        var baseline = Measure.Start();
        await journeys.ActivateAsync(journey.Id, admin, CancellationToken.None);
        Console.WriteLine($"segment entry: activation baseline of segment {segmentId}: {await RowsAsync(factory, segmentId):N0} membership rows in {baseline.Stop()}");

        var detection = services.GetRequiredService<SegmentEntryDetection>();
        var now = services.GetRequiredService<TimeProvider>().GetUtcNow().UtcDateTime;
        var unchanged = Measure.Start();
        var quiet = await detection.DetectAsync(segmentId, [journey], now, CancellationToken.None);
        Console.WriteLine($"segment entry: evaluation, nothing changed: {quiet.Entered:N0} entered, {quiet.Left:N0} left, {quiet.Ranges:N0} ranges in {unchanged.Stop()}");

        await using (var db = await factory.CreateDbContextAsync())
        {
            var removed = await db.SegmentMemberships.Where(s => s.SegmentId == segmentId)
                .Where(s => db.SegmentMemberships.Where(o => o.SegmentId == segmentId).OrderBy(o => o.MemberId).Select(o => o.MemberId).Take(entries).Contains(s.MemberId))
                .ExecuteDeleteAsync();
            Console.WriteLine($"segment entry: {removed:N0} membership rows removed (they enter at the next evaluation)");
        }

        var entering = Measure.Start();
        var found = await detection.DetectAsync(segmentId, [journey], now, CancellationToken.None);
        Console.WriteLine($"segment entry: evaluation with entries: {found.Entered:N0} entered, {found.Enrolled:N0} enrolled in {entering.Stop()}; load average {Measure.LoadAverage()}");
    }

    private static async Task<long> RowsAsync(IDbContextFactory<MemberGraphDb> factory, long segmentId)
    {
        await using var db = await factory.CreateDbContextAsync();
        return await db.SegmentMemberships.LongCountAsync(s => s.SegmentId == segmentId && s.IsIn);
    }

    private static async Task<long> LargestAsync(IServiceProvider services)
    {
        var factory = services.GetRequiredService<IDbContextFactory<MemberGraphDb>>();
        var segments = services.GetRequiredService<Segments.SegmentService>();
        (long Id, long Count)? largest = null;
        await using var db = await factory.CreateDbContextAsync();
        foreach (var segment in await db.Segments.AsNoTracking().ToListAsync())
        {
            var (audience, _) = await segments.CompileAsync(segment.Expression, CancellationToken.None);
            var count = audience is null ? 0 : await segments.CountAsync(audience, CancellationToken.None);
            Console.WriteLine($"segment {segment.Id} '{segment.Name}': {count:N0} members");
            if (largest is null || count > largest.Value.Count)
            {
                largest = (segment.Id, count);
            }
        }

        return largest?.Id ?? throw new InvalidOperationException("no saved segment");
    }
}

using MemberGraph.Data;
using MemberGraph.Domain;
using MemberGraph.Operations.Journeys;
using MemberGraph.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;

namespace MemberGraph.Tests.Operations.Journeys;

/// <summary>
/// Segment entries evaluated by two gateway instances over one database at the same moment, on each engine: the tagging
/// run over HTTP on one and three evaluations on the other. Tagging batches of one member id, so the instances meet in
/// many small ranges.
/// </summary>
public abstract class SegmentEntryConcurrencyTests(DatabaseKind database) : IAsyncLifetime
{
    public sealed class OnSqlite() : SegmentEntryConcurrencyTests(DatabaseKind.Sqlite);

    public sealed class OnPostgres() : SegmentEntryConcurrencyTests(DatabaseKind.Postgres);

    private static readonly Dictionary<string, string?> SmallRanges = new() { ["Tagging:BatchSize"] = "1" };

    private GatewayHost _gateway = null!;

    public async Task InitializeAsync() => _gateway = await GatewayHost.StartAsync(new Dictionary<string, string?>(SmallRanges), database: database);

    public async Task DisposeAsync() => await _gateway.DisposeAsync();

    [Fact]
    public async Task Evaluations_on_two_gateway_instances_at_once_enrol_each_entry_once()
    {
        // given: an active journey on a segment, ten members entering it, a second gateway instance on the same database
        var kit = new JourneyKit(_gateway);
        var entry = new SegmentEntryKit(_gateway, kit);
        var template = await kit.Coupons.TemplateAsync();
        await entry.SegmentAsync();
        var journey = await kit.ActiveAsync(entry.CouponOnEntry(template));
        var members = new List<long>();
        for (var i = 0; i < 10; i++)
        {
            members.Add((await kit.MemberAsync()).Member.Id);
            await entry.TagAsync(members[^1]);
        }

        var sameDatabase = new Dictionary<string, string?>(SmallRanges);
        var connection = database == DatabaseKind.Postgres ? "Postgres" : "Sqlite";
        sameDatabase[$"ConnectionStrings:{connection}"] = database == DatabaseKind.Postgres
            ? _gateway.Service<IConfiguration>()["ConnectionStrings:Postgres"]
            : $"Data Source={Path.Combine(_gateway.DataDir, "membergraph.db")}";
        await using var second = await GatewayHost.StartAsync(sameDatabase);
        var segment = GlobalId.TryDecode(entry.SegmentId, "Segment")!.Value;
        List<Journey> journeys;
        await using (var db = _gateway.Db())
        {
            journeys = await db.Journeys.AsNoTracking().Where(j => j.Status == JourneyStatus.Active).ToListAsync();
        }

        // when: the tagging run over HTTP on the first instance and three evaluations on the second, at once
        var now = DateTime.UtcNow;
        var detection = second.Service<SegmentEntryDetection>();
        await Task.WhenAll(
            entry.RunTaggingOkAsync(),
            Task.Run(() => detection.DetectAsync(segment, journeys, now, CancellationToken.None)),
            Task.Run(() => detection.DetectAsync(segment, journeys, now, CancellationToken.None)),
            Task.Run(() => detection.DetectAsync(segment, journeys, now, CancellationToken.None)));

        // then: one enrolment per member, each for the first entry
        var enrolled = (await kit.EnrolmentsAsync(journey)).ConvertAll(e => (e.MemberId, e.Occurrence)).Order().ToList();
        Assert.Equal(members.Select(m => (m, $"segment:{segment}:1")).Order().ToList(), enrolled);
    }
}

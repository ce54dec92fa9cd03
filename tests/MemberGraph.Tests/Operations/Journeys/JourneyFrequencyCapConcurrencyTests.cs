using MemberGraph.Data;
using MemberGraph.Domain;
using MemberGraph.Operations.Journeys;
using MemberGraph.Tests.Coupons;
using MemberGraph.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace MemberGraph.Tests.Operations.Journeys;

/// <summary>
/// The frequency cap with two journey-advance passes on two gateways over one database at once: a cap of one action per
/// member per day holds, whichever pass gets to a member's enrolments first. The passes are given different "now"s (two
/// gateways' clocks, or a pass that started a minute later) so that one acts on journey B's enrolments while the other acts
/// on journey A's: the same members, at the same time — the race a read-then-act cap loses on a server without one writer.
/// </summary>
public abstract class JourneyFrequencyCapConcurrencyTests
{
    public sealed class OnSqlite : JourneyFrequencyCapConcurrencyTests
    {
        protected override Task<(GatewayHost, GatewayHost)> GatewaysAsync() => TwoGatewaysAsync(DatabaseKind.Sqlite);
    }

    public sealed class OnPostgres : JourneyFrequencyCapConcurrencyTests
    {
        protected override Task<(GatewayHost, GatewayHost)> GatewaysAsync() => TwoGatewaysAsync(DatabaseKind.Postgres);
    }

    private const int Members = 20;

    protected abstract Task<(GatewayHost, GatewayHost)> GatewaysAsync();

    /// <summary>A gateway, and a second one over the same database (the same SQLite file, or the same PostgreSQL database).</summary>
    private static async Task<(GatewayHost, GatewayHost)> TwoGatewaysAsync(DatabaseKind database)
    {
        var first = await GatewayHost.StartAsync(database: database);
        var second = database == DatabaseKind.Postgres
            ? await GatewayHost.StartAsync(new Dictionary<string, string?> { ["ConnectionStrings:Postgres"] = first.Service<DatabaseProvider>().ConnectionString })
            : await GatewayHost.StartAsync(dataDir: first.DataDir);
        return (first, second);
    }

    private static Dictionary<string, object?> Capped(string couponTemplateId, int purchaseNumber) => new()
    {
        ["name"] = $"capped {purchaseNumber} {TestData.Next()}",
        ["trigger"] = new { kind = "NTH_PURCHASE", purchaseNumber },
        ["waitMinutes"] = 0,
        ["actions"] = new object[] { new { kind = "ISSUE_COUPON", couponTemplateId } },
        ["frequencyCap"] = new { maxTouches = 1, perDays = 1 },
    };

    [Fact]
    public async Task Two_passes_acting_on_one_members_enrolments_at_once_act_once_under_a_cap_of_one()
    {
        // given: two capped journeys A and B issuing a coupon (stock and per-member limit are no obstacle); each of 20 members
        // is WAITING in both, A due 30 s ago, B due in 10 minutes; one more member waits in B since a minute ago
        var (first, second) = await GatewaysAsync();
        await using var _ = first;
        await using var __ = second;
        var kit = new JourneyKit(first);
        var template = await kit.Coupons.TemplateAsync(t => (t["totalStock"], t["perMemberLimit"]) = (1000, 10));
        var journeyA = GlobalId.TryDecode(await kit.ActiveAsync(Capped(template, 2)), "Journey")!.Value;
        var journeyB = GlobalId.TryDecode(await kit.ActiveAsync(Capped(template, 3)), "Journey")!.Value;
        var now = DateTime.UtcNow;
        var members = new List<long>();
        var early = (await kit.MemberAsync()).Member.Id;
        await using (var db = first.Db())
        {
            JourneyEnrolment Waiting(long journeyId, long memberId, DateTime dueAt) =>
                new() { JourneyId = journeyId, MemberId = memberId, Occurrence = $"order:{TestData.Next()}", EnrolledAt = now.AddHours(-1), DueAt = dueAt };

            db.JourneyEnrolments.Add(Waiting(journeyB, early, now.AddMinutes(-1)));
            for (var i = 0; i < Members; i++)
            {
                var member = (await kit.MemberAsync()).Member.Id;
                members.Add(member);
                db.JourneyEnrolments.AddRange(Waiting(journeyA, member, now.AddSeconds(-30 + i)), Waiting(journeyB, member, now.AddMinutes(10).AddSeconds(i)));
            }

            await db.SaveChangesAsync();
        }

        // when: the first gateway's pass at now + 1 hour (everything due: B's group comes first, as its earliest enrolment
        // is the earliest due) and the second gateway's pass at now (only A's enrolments and the early one due), at once
        var passes = await Task.WhenAll(
            Task.Run(() => first.Service<JourneyAdvance>().AdvanceAsync(now.AddHours(1), null, CancellationToken.None)),
            Task.Run(() => second.Service<JourneyAdvance>().AdvanceAsync(now, null, CancellationToken.None)));

        // then: each member acted on once and skipped once for the cap; one coupon each
        await using var read = first.Db();
        var enrolments = await read.JourneyEnrolments.AsNoTracking().Where(e => members.Contains(e.MemberId)).ToListAsync();
        var overCap = enrolments.GroupBy(e => e.MemberId).Where(g => g.Count(e => e.Status == JourneyEnrolmentStatus.Acted) != 1)
            .Select(g => $"member {g.Key}: {string.Join(", ", g.Select(e => $"{e.JourneyId}/{e.Status}/{e.SkipReason}"))}").ToList();
        Assert.True(overCap.Count == 0, $"not acted exactly once: {string.Join("; ", overCap)} (passes {passes[0].Summary()} {passes[1].Summary()})");
        Assert.Equal(Members, enrolments.Count(e => e is { Status: JourneyEnrolmentStatus.Skipped, SkipReason: JourneySkipReasons.FrequencyCap }));
        var templateId = CouponKit.Key(template);
        var coupons = await read.Coupons.AsNoTracking().Where(c => c.TemplateId == templateId && members.Contains(c.MemberId)).GroupBy(c => c.MemberId)
            .Select(g => g.Count()).ToListAsync();
        Assert.Equal(Enumerable.Repeat(1, Members), coupons);
        Assert.Equal(Members + 1, passes[0].Acted + passes[1].Acted);
    }
}

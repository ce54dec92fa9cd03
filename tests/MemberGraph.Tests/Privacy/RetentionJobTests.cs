using System.Text.Json.Nodes;
using MemberGraph.Audit;
using MemberGraph.Coupons;
using MemberGraph.Privacy;
using MemberGraph.Privacy.Export;
using MemberGraph.Tests.Coupons;
using MemberGraph.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace MemberGraph.Tests.Privacy;

/// <summary>
/// The privacy retention jobs, run through <c>runJob</c>: <c>privacy-export-purge</c> deletes data exports past their
/// time, <c>access-log-purge</c> access-log lines older than <c>Privacy:AccessLogRetention</c> (365 days, never under 180),
/// <c>subscribe-message-purge</c> sent-message records older than <c>Privacy:SubscribeMessageRetention</c> (90 days) unless
/// they still stop a second reminder for a coupon that is still valid.
/// </summary>
public sealed class RetentionJobTests
{
    private const string RunJob = """
        mutation ($job: String!) { runJob(input: { job: $job, wait: true }) {
          jobRun { status processed summary figures { name value } } errors { code message } } }
        """;

    private readonly MutableTimeProvider _clock = new();

    [Fact]
    public async Task Exports_past_their_time_are_deleted_and_todays_are_kept()
    {
        // given: one member's export built 25 hours ago (its day is over), another's built a minute ago
        await using var gateway = await GatewayHost.StartAsync(services: s => s.AddSingleton<TimeProvider>(_clock));
        var kit = new PrivacyKit(gateway);
        var early = await kit.Data.MemberAsync();
        Assert.Empty((await kit.ExportAsync(kit.Data.MemberToken(early.Id)))["errors"]!.AsArray());
        _clock.Advance(TimeSpan.FromHours(25));
        var late = await kit.Data.MemberAsync();
        var lateExport = await kit.ExportAsync(kit.Data.MemberToken(late.Id));

        // when
        var run = await RunAsync(gateway, "privacy-export-purge");

        // then: the early one is gone, the late one still downloads
        Assert.Equal(("SUCCEEDED", 1L), (run["status"]!.GetValue<string>(), run["processed"]!.GetValue<long>()));
        await using var db = gateway.Db();
        Assert.Equal([late.Id], await db.DataExports.Select(e => e.MemberId).ToListAsync());
        Assert.Equal(200, (int)(await kit.DownloadAsync(lateExport["export"]!["url"]!.GetValue<string>())).Status);
    }

    [Fact]
    public async Task Access_log_lines_older_than_the_retention_are_deleted()
    {
        // given: lines written 400, 200 and 1 day(s) ago, with the retention at its default (365 days)
        await using var gateway = await GatewayHost.StartAsync(services: s => s.AddSingleton<TimeProvider>(_clock));
        var lines = await AccessLinesAsync(gateway, 400, 200, 1);

        // when
        var run = await RunAsync(gateway, "access-log-purge");

        // then
        Assert.Equal(1L, run["processed"]!.GetValue<long>());
        Assert.Equal([("purged", 1L)], Figures(run));
        await using var db = gateway.Db();
        Assert.Equal(lines[1..], await db.AccessLog.OrderBy(e => e.Id).Select(e => e.Id).ToListAsync());
    }

    [Fact]
    public async Task The_access_log_retention_is_configurable_but_never_under_six_months()
    {
        // given: 200 days of retention
        await using (var gateway = await GatewayHost.StartAsync(
                         new Dictionary<string, string?> { ["Privacy:AccessLogRetention"] = "200.00:00:00" }, services: s => s.AddSingleton<TimeProvider>(_clock)))
        {
            var lines = await AccessLinesAsync(gateway, 201, 199);
            Assert.Equal(1L, (await RunAsync(gateway, "access-log-purge"))["processed"]!.GetValue<long>());
            await using var db = gateway.Db();
            Assert.Equal([lines[1]], await db.AccessLog.Select(e => e.Id).ToListAsync());
        }

        // when: 179 days
        var start = () => GatewayHost.StartAsync(new Dictionary<string, string?> { ["Privacy:AccessLogRetention"] = "179.00:00:00" });

        // then
        var refusal = await Assert.ThrowsAsync<Microsoft.Extensions.Options.OptionsValidationException>(start);
        Assert.Contains("Privacy:AccessLogRetention", refusal.Message);
    }

    [Fact]
    public async Task Sent_message_records_go_after_the_retention_unless_their_coupon_is_still_valid()
    {
        // given: records 100 days old for a coupon now past its end and for one still valid; one 10 days old
        await using var gateway = await GatewayHost.StartAsync(services: s => s.AddSingleton<TimeProvider>(_clock));
        var now = _clock.GetUtcNow().UtcDateTime;
        var coupons = new CouponKit(gateway);
        var template = CouponKit.Key(await coupons.TemplateAsync());
        var member = await coupons.Data.MemberAsync();
        await using var db = gateway.Db();
        var ended = Coupon(template, member.Id, now.AddDays(-1));
        var valid = Coupon(template, member.Id, now.AddDays(30));
        db.Coupons.AddRange(ended, valid);
        await db.SaveChangesAsync();
        var records = new[] { (ended.Id, 100), (valid.Id, 100), (valid.Id + 1_000_000, 10) }
            .Select(r => new SubscribeMessage
            {
                MemberId = member.Id, Purpose = SubscribeMessagePurpose.CouponExpiring, SubjectId = r.Item1, TemplateId = "tmpl",
                Status = SubscribeMessageStatus.Sent, CreatedAt = now.AddDays(-r.Item2),
            }).ToList();
        db.SubscribeMessages.AddRange(records);
        await db.SaveChangesAsync();

        // when
        var run = await RunAsync(gateway, "subscribe-message-purge");

        // then: only the ended coupon's record goes
        Assert.Equal(1L, run["processed"]!.GetValue<long>());
        Assert.Equal([valid.Id, valid.Id + 1_000_000],
            await db.SubscribeMessages.AsNoTracking().OrderBy(m => m.Id).Select(m => m.SubjectId).ToListAsync());
    }

    private async Task<List<long>> AccessLinesAsync(GatewayHost gateway, params int[] daysAgo)
    {
        await using var db = gateway.Db();
        var lines = daysAgo.Select(d => new AccessLogEntry
        {
            At = _clock.GetUtcNow().UtcDateTime.AddDays(-d), Subject = "staff-1", Role = "staff", MemberId = 7, Operation = "memberByCode", Fields = "phone",
        }).ToList();
        db.AccessLog.AddRange(lines);
        await db.SaveChangesAsync();
        return lines.Select(l => l.Id).ToList();
    }

    private static Coupon Coupon(long template, long memberId, DateTime validUntil) => new()
    {
        TemplateId = template, MemberId = memberId, Code = Guid.NewGuid().ToString("N")[..CouponCode.Length].ToUpperInvariant(),
        Source = CouponSource.Claim, IssuedAt = validUntil.AddDays(-60), ValidFrom = validUntil.AddDays(-60), ValidUntil = validUntil,
    };

    private static async Task<JsonNode> RunAsync(GatewayHost gateway, string job)
    {
        var answer = (await gateway.GraphQLAsync(RunJob, new { job }, new TestData(gateway).AdminToken())).OkData()["runJob"]!;
        Assert.Empty(answer["errors"]!.AsArray());
        return answer["jobRun"]!;
    }

    private static List<(string, long)> Figures(JsonNode run) =>
        run["figures"]!.AsArray().Select(f => (f!["name"]!.GetValue<string>(), f["value"]!.GetValue<long>())).ToList();
}

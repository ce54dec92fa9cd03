using MemberGraph.Domain;
using MemberGraph.Guides;
using MemberGraph.Tencent.WeCom;
using MemberGraph.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace MemberGraph.Tests.Guides;

/// <summary>
/// The callback's replay keys are purged by the <c>wecom-callback-purge</c> job once they are older than
/// <c>WeCom:CallbackEventRetention</c> (7 days), and callbacks older than <c>WeCom:CallbackMaxAge</c> (1 hour) are refused
/// by their timestamps, so a purged key can never let a recorded delivery be replayed.
/// </summary>
public sealed class WeComCallbackRetentionTests : IAsyncLifetime
{
    private const string RunPurge = "mutation { runJob(input: { job: \"wecom-callback-purge\", wait: true }) { jobRun { status processed summary } errors { code message } } }";

    private readonly MutableTimeProvider _clock = new();
    private WeComTestHost _host = null!;
    private string _admin = null!;

    public async Task InitializeAsync()
    {
        _host = await WeComTestHost.StartAsync(services: s => s.AddSingleton<TimeProvider>(_clock));
        _admin = _host.Data.AdminToken();
    }

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task The_purge_deletes_replay_keys_older_than_the_retention_and_keeps_the_younger_ones()
    {
        // given: keys received 8 days, 6 days and 1 minute ago
        var now = _clock.GetUtcNow().UtcDateTime;
        await using (var db = _host.Gateway.Db())
        {
            foreach (var (key, age) in new[] { ("old", TimeSpan.FromDays(8)), ("within-retention", TimeSpan.FromDays(6)), ("fresh", TimeSpan.FromMinutes(1)) })
            {
                db.WeComCallbackEvents.Add(new WeComCallbackEvent { Key = key, ChangeType = "edit_external_contact", UserId = "u", ExternalUserId = "wm", ReceivedAt = now - age, Outcome = "test" });
            }

            await db.SaveChangesAsync();
        }

        // when
        var run = (await _host.Gateway.GraphQLAsync(RunPurge, token: _admin)).OkData()["runJob"]!["jobRun"]!;

        // then
        Assert.Equal("SUCCEEDED", run["status"]!.GetValue<string>());
        Assert.Equal(1, run["processed"]!.GetValue<long>());
        await using var after = _host.Gateway.Db();
        Assert.Equal(["fresh", "within-retention"], await after.WeComCallbackEvents.OrderBy(e => e.Key).Select(e => e.Key).ToListAsync());
    }

    [Theory]
    [InlineData("CreateTime")]
    [InlineData("timestamp")]
    public async Task A_callback_older_than_the_maximum_age_is_refused_with_a_log_line_and_changes_nothing(string stale)
    {
        // given: a customer adding a guide, delivered with a CreateTime or a signed timestamp of two hours ago
        var guide = await _host.Data.GuideAsync((await _host.Data.StoreAsync()).Id);
        var now = _clock.GetUtcNow().ToUnixTimeSeconds();
        var twoHoursAgo = now - 2 * 3600;
        var xml = WeComTestHost.ContactEventXml(WeComContactEvent.AddExternalContact, guide.WeComUserId, WeComTestHost.ExternalUserId(),
            stale == "CreateTime" ? twoHoursAgo : now, guide.GuideCode);

        // when
        using var response = await _host.PostAsync(_host.Delivery(_host.Crypto.Encrypt(xml), stale == "timestamp" ? twoHoursAgo : now));

        // then
        Assert.Equal(400, (int)response.StatusCode);
        Assert.Contains(_host.Gateway.Logs.Lines, line => line.Contains("WeCom callback refused", StringComparison.Ordinal) && line.Contains("older than", StringComparison.Ordinal));
        await using var db = _host.Gateway.Db();
        Assert.Empty(db.WeComCallbackEvents);
        Assert.Empty(db.GuideRelationships);
    }

    [Fact]
    public async Task A_delivery_replayed_after_its_key_was_purged_is_refused_by_its_timestamp()
    {
        // given: a customer added the guide, then deleted them; WeCom's add delivery was recorded on the wire
        var guide = await _host.Data.GuideAsync((await _host.Data.StoreAsync()).Id);
        var external = WeComTestHost.ExternalUserId();
        var now = _clock.GetUtcNow().ToUnixTimeSeconds();
        var add = _host.Delivery(_host.Crypto.Encrypt(WeComTestHost.ContactEventXml(WeComContactEvent.AddExternalContact, guide.WeComUserId, external, now, guide.GuideCode)), now);
        using (var added = await _host.PostAsync(add))
        {
            Assert.Equal(200, (int)added.StatusCode);
        }

        using (var deleted = await _host.PostEventAsync(WeComTestHost.ContactEventXml(WeComContactEvent.DelFollowUser, guide.WeComUserId, external, now + 1)))
        {
            Assert.Equal(200, (int)deleted.StatusCode);
        }

        // when: eight days later the keys are purged and the recorded add is sent again
        _clock.Advance(TimeSpan.FromDays(8));
        var run = (await _host.Gateway.GraphQLAsync(RunPurge, token: _admin)).OkData()["runJob"]!["jobRun"]!;
        using var replayed = await _host.PostAsync(add);

        // then: the keys are gone, yet the replay is refused and the customer stays unbound
        Assert.Equal(2, run["processed"]!.GetValue<long>());
        Assert.Equal(400, (int)replayed.StatusCode);
        await using var db = _host.Gateway.Db();
        Assert.Empty(db.WeComCallbackEvents);
        var relationship = await db.GuideRelationships.SingleAsync();
        Assert.NotNull(relationship.EndedAt);
    }
}

using MemberGraph.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace MemberGraph.Tests.Guides;

/// <summary>
/// A contact event when WeCom's externalcontact/get fails or is slow: the callback still binds by external user id, within
/// its budget. About the callback and the WeCom API, not the database, so on SQLite only.
/// </summary>
public sealed class WeComContactLookupTests : IAsyncLifetime
{
    private WeComTestHost _host = null!;

    public async Task InitializeAsync() => _host = await WeComTestHost.StartAsync();

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task When_externalcontact_get_fails_the_customer_is_still_bound_by_external_user_id()
    {
        var guide = await _host.Data.GuideAsync((await _host.Data.StoreAsync()).Id);
        _host.Stub.On("externalcontact/get", _ => new { errcode = -1, errmsg = "system busy" });

        await _host.AddContactAsync(guide.WeComUserId, WeComTestHost.ExternalUserId(), guide.GuideCode);

        await using var db = _host.Gateway.Db();
        Assert.Equal(1, await db.GuideRelationships.CountAsync());
        Assert.Contains(_host.Gateway.Logs.Lines, l => l.Contains("binding by external user id only", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_slow_externalcontact_get_does_not_hold_the_callback_past_its_budget()
    {
        // given: WeCom's API takes 4 s to answer, the callback may spend 1 s on it (WeCom redelivers after 5 s)
        await using var host = await WeComTestHost.StartAsync(new Dictionary<string, string?> { ["WeCom:CallbackLookupBudget"] = "00:00:01" });
        var guide = await host.Data.GuideAsync((await host.Data.StoreAsync()).Id);
        host.Stub.On("externalcontact/get", _ =>
        {
            Thread.Sleep(TimeSpan.FromSeconds(4));
            return new { errcode = 0, errmsg = "ok", external_contact = new { external_userid = "late", name = "late" } };
        });
        var answering = System.Diagnostics.Stopwatch.StartNew();

        // when
        await host.AddContactAsync(guide.WeComUserId, WeComTestHost.ExternalUserId(), guide.GuideCode);

        // then: answered well within WeCom's 5 s, the customer bound by external user id
        Assert.True(answering.Elapsed < TimeSpan.FromSeconds(3.5), $"answered after {answering.Elapsed}");
        await using var db = host.Gateway.Db();
        Assert.Equal(1, await db.GuideRelationships.CountAsync());
        Assert.Contains(host.Gateway.Logs.Lines, l => l.Contains("budget", StringComparison.Ordinal) && l.Contains("binding by external user id only", StringComparison.Ordinal));
    }
}

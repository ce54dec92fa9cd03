using MemberGraph.Data;
using MemberGraph.Domain;
using MemberGraph.Members;
using MemberGraph.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace MemberGraph.Tests.Privacy;

/// <summary>
/// <c>exportMyData</c> and its download endpoint: the link (no token, minutes, signed, 403/404 without a word), once per
/// business day (China time), parallel calls, audit. Each test has its own gateway, because it moves the clock.
/// </summary>
public abstract class DataExportTests(DatabaseKind database) : IAsyncLifetime
{
    public sealed class OnSqlite() : DataExportTests(DatabaseKind.Sqlite);

    public sealed class OnPostgres() : DataExportTests(DatabaseKind.Postgres);

    // 10:00 in China on a Tuesday: far from midnight either way.
    private readonly MutableTimeProvider _clock = new(new DateTimeOffset(2026, 12, 1, 10, 0, 0, TimeSpan.FromHours(8)));
    private GatewayHost _gateway = null!;
    private PrivacyKit _kit = null!;

    public async Task InitializeAsync()
    {
        _gateway = await GatewayHost.StartAsync(services: s => s.AddSingleton<TimeProvider>(_clock), database: database);
        _kit = new PrivacyKit(_gateway);
    }

    public async Task DisposeAsync() => await _gateway.DisposeAsync();

    [Fact]
    public async Task A_member_downloads_their_data_with_the_link_alone_as_an_attachment_that_is_never_cached()
    {
        // given: a member with a phone, an openid and an order
        var member = await _kit.Data.MemberAsync("13900008101", null, (IdentityChannel.WechatOpenid, "oExport8101"));
        await _kit.Data.OrderAsync(member.Id, null, _clock.GetUtcNow().UtcDateTime.AddDays(-3));

        // when
        var export = await _kit.ExportedAsync(_kit.Data.MemberToken(member.Id));
        var download = await _kit.DownloadAsync(export["url"]!.GetValue<string>());

        // then: a link for minutes, to this export, with no token in it; the file is the member's, unmasked
        var url = export["url"]!.GetValue<string>();
        Assert.Matches(@"^/privacy/exports/[A-Za-z0-9_-]+\?expires=\d+&signature=[A-Za-z0-9_-]{43}$", url);
        Assert.StartsWith($"/privacy/exports/{export["id"]!.GetValue<string>()}?", url);
        Assert.Equal(_clock.GetUtcNow().UtcDateTime.AddMinutes(15), export["expiresAt"]!.GetValue<DateTime>().ToUniversalTime(), TimeSpan.FromSeconds(1));
        Assert.Equal(200, download.Status);
        Assert.Equal("no-store", download.CacheControl);
        Assert.Equal("attachment; filename=\"membergraph-my-data-2026-12-01.json\"", download.ContentDisposition);
        Assert.Equal("application/json; charset=utf-8", download.ContentType);
        var file = download.Json;
        Assert.Equal("membergraph.member-data.v1", file["format"]!.GetValue<string>());
        Assert.Equal(GlobalId.Encode("Member", member.Id), file["member"]!["id"]!.GetValue<string>());
        Assert.Equal("13900008101", file["member"]!["phone"]!.GetValue<string>());
        Assert.Equal(["PHONE:13900008101", "WECHAT_OPENID:oExport8101"],
            file["identities"]!.AsArray().Select(i => $"{i!["channel"]}:{i["externalId"]}").Order(StringComparer.Ordinal));
        Assert.Single(file["orders"]!.AsArray());

        // and: both the export and the download are audited on the member
        await using var db = _gateway.Db();
        var audited = await db.AuditEntries.Where(a => a.Target == $"Member:{member.Id}").OrderBy(a => a.Id).Select(a => a.Operation + " by " + a.Role).ToListAsync();
        Assert.Equal(["privacy.export by member", "privacy.export.download by anonymous"], audited);
    }

    [Fact]
    public async Task A_link_changed_in_any_part_is_403_an_expired_link_404_and_neither_says_anything()
    {
        // given
        var member = await _kit.Data.MemberAsync("13900008102");
        var url = (await _kit.ExportedAsync(_kit.Data.MemberToken(member.Id)))["url"]!.GetValue<string>();
        var (path, query) = (url[..url.IndexOf('?')], url[(url.IndexOf('?') + 1)..]);
        var signature = query[(query.IndexOf("signature=", StringComparison.Ordinal) + 10)..];
        var expires = long.Parse(query["expires=".Length..query.IndexOf('&')], System.Globalization.CultureInfo.InvariantCulture);
        var otherExport = GlobalId.Encode("DataExport", GlobalId.TryDecode(path[(path.LastIndexOf('/') + 1)..], "DataExport")!.Value + 1);

        // when
        var changed = new[]
        {
            $"{path}?expires={expires}&signature={(signature[0] == 'A' ? 'B' : 'A')}{signature[1..]}",
            $"{path}?expires={expires + 3600}&signature={signature}",
            $"/privacy/exports/{otherExport}?{query}",
            $"{path}?expires={expires}",
            path,
        };
        var forged = new List<Download>();
        foreach (var link in changed)
        {
            forged.Add(await _kit.DownloadAsync(link));
        }

        _clock.Advance(TimeSpan.FromMinutes(16));
        var expired = await _kit.DownloadAsync(url);

        // then
        Assert.All(forged, d => Assert.Equal((403, "no-store", ""), (d.Status, d.CacheControl, d.Body)));
        Assert.Equal((404, "no-store", ""), (expired.Status, expired.CacheControl, expired.Body));
        await using var db = _gateway.Db();
        Assert.Equal(0, await db.AuditEntries.CountAsync(a => a.Operation == "privacy.export.download"));
    }

    [Fact]
    public async Task A_second_export_the_same_business_day_links_to_that_days_file_and_the_next_day_builds_a_new_one()
    {
        // given: an export at 10:00 China time
        var member = await _kit.Data.MemberAsync("13900008103");
        var token = _kit.Data.MemberToken(member.Id);
        var first = await _kit.ExportedAsync(token);
        await _kit.Data.OrderAsync(member.Id, null, _clock.GetUtcNow().UtcDateTime);

        // when: again at 23:50 China time, then at 00:10 the next day
        _clock.Advance(TimeSpan.FromMinutes(13 * 60 + 50));
        var sameDay = await _kit.ExportedAsync(token);
        var sameDayFile = await _kit.DownloadAsync(sameDay["url"]!.GetValue<string>());
        _clock.Advance(TimeSpan.FromMinutes(20));
        var nextDay = await _kit.ExportedAsync(token);
        var nextDayFile = await _kit.DownloadAsync(nextDay["url"]!.GetValue<string>());

        // then: the same day, the morning's file (without the order since) behind a new link that still lasts its 15 minutes
        // (the file is kept 24 hours); the next day a new file, and the day before's is gone
        Assert.Equal(first["id"]!.GetValue<string>(), sameDay["id"]!.GetValue<string>());
        Assert.Equal(first["createdAt"]!.GetValue<DateTime>(), sameDay["createdAt"]!.GetValue<DateTime>());
        Assert.NotEqual(first["url"]!.GetValue<string>(), sameDay["url"]!.GetValue<string>());
        Assert.Equal(_clock.GetUtcNow().UtcDateTime.AddMinutes(-20 + 15), sameDay["expiresAt"]!.GetValue<DateTime>().ToUniversalTime(), TimeSpan.FromSeconds(1));
        Assert.Empty(sameDayFile.Json["orders"]!.AsArray());
        Assert.NotEqual(first["id"]!.GetValue<string>(), nextDay["id"]!.GetValue<string>());
        Assert.Single(nextDayFile.Json["orders"]!.AsArray());
        Assert.Equal(404, (await _kit.DownloadAsync(sameDay["url"]!.GetValue<string>())).Status);
        await using var db = _gateway.Db();
        Assert.Equal([DateOnly.Parse("2026-12-02", System.Globalization.CultureInfo.InvariantCulture)],
            await db.DataExports.Where(e => e.MemberId == member.Id).Select(e => e.BusinessDay).ToListAsync());
        var audited = await db.AuditEntries.Where(a => a.Target == $"Member:{member.Id}" && a.Operation == "privacy.export").OrderBy(a => a.Id).Select(a => a.Detail!).ToListAsync();
        Assert.Collection(audited, d => Assert.EndsWith(" bytes)", d), d => Assert.Contains("a new link", d), d => Assert.EndsWith(" bytes)", d));
    }

    [Fact]
    public async Task Parallel_exports_of_one_member_store_one_file_and_all_link_to_it()
    {
        // given
        var member = await _kit.Data.MemberAsync("13900008104");
        var token = _kit.Data.MemberToken(member.Id);

        // when
        var exports = await Task.WhenAll(Enumerable.Range(0, 6).Select(_ => _kit.ExportedAsync(token)));

        // then
        Assert.Single(exports.Select(e => e["id"]!.GetValue<string>()).Distinct());
        await using var db = _gateway.Db();
        Assert.Equal(1, await db.DataExports.CountAsync(e => e.MemberId == member.Id));
        Assert.Equal(1, await db.AuditEntries.CountAsync(a => a.Target == $"Member:{member.Id}" && a.Detail!.EndsWith(" bytes)")));
        foreach (var export in exports)
        {
            Assert.Equal(200, (await _kit.DownloadAsync(export["url"]!.GetValue<string>())).Status);
        }
    }
}

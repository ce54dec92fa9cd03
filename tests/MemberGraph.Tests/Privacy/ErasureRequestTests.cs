using MemberGraph.Data;
using MemberGraph.Domain;
using MemberGraph.Members;
using MemberGraph.Tests.Partners;
using Microsoft.EntityFrameworkCore;

namespace MemberGraph.Tests.Privacy;

/// <summary>
/// <c>requestErasure</c> and <c>cancelErasure</c>: the cooling-off period and its end, asking again and in parallel, an
/// admin acting for the member, and who may ask for whom. Each test has its own gateway, because it moves the clock.
/// </summary>
public abstract class ErasureRequestTests(DatabaseKind database)
{
    public sealed class OnSqlite() : ErasureRequestTests(DatabaseKind.Sqlite);

    public sealed class OnPostgres() : ErasureRequestTests(DatabaseKind.Postgres);

    [Fact]
    public async Task Cancelling_within_the_cooling_off_period_erases_nothing_and_once_it_is_over_cancelling_is_refused()
    {
        // given: a member with a partner consent, who asked to be erased
        await using var world = await ErasureWorld.StartAsync(database: database);
        var member = await world.Data.MemberAsync($"1390{TestDataPhone()}");
        var token = world.Data.MemberToken(member.Id);
        var partners = new PartnerKit(world.Gateway);
        var partner = await partners.RegisterAsync();
        await partners.GrantAsync(member.Id, partner.Id);
        var first = (await world.Kit.RequestErasureAsync(token))["erasureRequest"]!;

        // when: cancelled on the sixth day, and the job runs after the seventh
        world.Clock.Advance(TimeSpan.FromDays(6));
        var cancelled = await world.Kit.CancelErasureAsync(token);
        world.Clock.Advance(TimeSpan.FromDays(2));
        var run = await world.Kit.RunErasureAsync();

        // then: cancelled, nothing erased; the partner consent stays revoked (the member grants it again if they wish)
        Assert.Empty(cancelled["errors"]!.AsArray());
        Assert.Equal((first["id"]!.GetValue<string>(), "CANCELLED"), (cancelled["erasureRequest"]!["id"]!.GetValue<string>(), cancelled["erasureRequest"]!["status"]!.GetValue<string>()));
        Assert.Equal(0L, run["due"]);
        Assert.Null((await world.Gateway.GraphQLAsync("{ me { erasureRequest { id } } }", token: token)).OkData()["me"]!["erasureRequest"]);
        await using (var db = world.Gateway.Db())
        {
            var kept = await db.Members.AsNoTracking().SingleAsync(m => m.Id == member.Id);
            Assert.Equal((MemberStatus.Active, member.Phone, member.DisplayName), (kept.Status, kept.Phone, kept.DisplayName));
            Assert.Equal(0, await db.PartnerConsents.CountAsync(c => c.MemberId == member.Id));
            Assert.Equal(["privacy.erasure.request", "privacy.erasure.cancel"], await db.AuditEntries
                .Where(a => a.Target == $"Member:{member.Id}" && a.Operation.StartsWith("privacy.")).OrderBy(a => a.Id).Select(a => a.Operation).ToListAsync());
        }

        // when: asked again, and cancelled a second after its cooling-off period ended (before the job ran)
        var second = (await world.Kit.RequestErasureAsync(token))["erasureRequest"]!;
        world.Clock.Advance(TimeSpan.FromDays(7) + TimeSpan.FromSeconds(1));
        var late = await world.Kit.CancelErasureAsync(token);
        var nothing = await world.Kit.CancelErasureAsync(world.Data.MemberToken((await world.Data.MemberAsync()).Id));

        // then: too late — the job erases at its next run; a member with nothing pending has nothing to cancel
        Assert.NotEqual(first["id"]!.GetValue<string>(), second["id"]!.GetValue<string>());
        Assert.Equal("COOLING_OFF_ENDED", PrivacyKit.FirstErrorCode(late));
        Assert.Null(late["erasureRequest"]);
        Assert.Equal("NOT_FOUND", PrivacyKit.FirstErrorCode(nothing));
        Assert.Equal(1L, (await world.Kit.RunErasureAsync())["erased"]);
    }

    [Fact]
    public async Task Asking_again_or_in_parallel_leaves_one_pending_request_and_one_audit_line()
    {
        // given
        await using var world = await ErasureWorld.StartAsync(database: database);
        var member = await world.Data.MemberAsync();
        var token = world.Data.MemberToken(member.Id);

        // when
        var answers = await Task.WhenAll(Enumerable.Range(0, 6).Select(_ => world.Kit.RequestErasureAsync(token)));
        var again = await world.Kit.RequestErasureAsync(token);

        // then
        Assert.All(answers, a => Assert.Empty(a["errors"]!.AsArray()));
        var id = Assert.Single(answers.Append(again).Select(a => a["erasureRequest"]!["id"]!.GetValue<string>()).Distinct());
        await using var db = world.Gateway.Db();
        Assert.Equal(1, await db.ErasureRequests.CountAsync(r => r.MemberId == member.Id));
        Assert.Equal(1, await db.AuditEntries.CountAsync(a => a.Target == $"Member:{member.Id}" && a.Operation == "privacy.erasure.request"));
        Assert.Equal(GlobalId.Encode("ErasureRequest", (await db.ErasureRequests.SingleAsync(r => r.MemberId == member.Id)).Id), id);
    }

    [Fact]
    public async Task An_admin_asks_and_cancels_on_the_members_behalf_by_id_and_lists_the_requests()
    {
        // given
        await using var world = await ErasureWorld.StartAsync(database: database);
        var member = await world.Data.MemberAsync();
        var memberId = GlobalId.Encode("Member", member.Id);
        var admin = world.AdminToken;

        // when
        var requested = await world.Kit.RequestErasureAsync(admin, memberId);
        var listed = (await world.Gateway.GraphQLAsync("{ erasureRequests(status: PENDING, first: 5) { totalCount items { id requestedBy member { id } } } }", token: admin))
            .OkData()["erasureRequests"]!;
        var withoutId = await world.Kit.RequestErasureAsync(admin);
        var unknown = await world.Kit.RequestErasureAsync(admin, GlobalId.Encode("Member", 999_999));
        var cancelled = await world.Kit.CancelErasureAsync(admin, member.Id.ToString(System.Globalization.CultureInfo.InvariantCulture));

        // then
        Assert.Equal(("PENDING", "ADMIN", memberId), (requested["erasureRequest"]!["status"]!.GetValue<string>(),
            requested["erasureRequest"]!["requestedBy"]!.GetValue<string>(), requested["erasureRequest"]!["member"]!["id"]!.GetValue<string>()));
        Assert.Equal(1, listed["totalCount"]!.GetValue<int>());
        Assert.Equal(memberId, listed["items"]![0]!["member"]!["id"]!.GetValue<string>());
        Assert.Equal(("INVALID_INPUT", "memberId"), (PrivacyKit.FirstErrorCode(withoutId), withoutId["errors"]![0]!["field"]!.GetValue<string>()));
        Assert.Equal("NOT_FOUND", PrivacyKit.FirstErrorCode(unknown));
        Assert.Equal("CANCELLED", cancelled["erasureRequest"]!["status"]!.GetValue<string>());
        await using var db = world.Gateway.Db();
        Assert.Equal(["privacy.erasure.request by admin", "privacy.erasure.cancel by admin"], await db.AuditEntries
            .Where(a => a.Target == $"Member:{member.Id}").OrderBy(a => a.Id).Select(a => a.Operation + " by " + a.Role).ToListAsync());
    }

    [Fact]
    public async Task A_member_asks_only_for_themselves()
    {
        // given
        await using var world = await ErasureWorld.StartAsync(database: database);
        var (member, other) = (await world.Data.MemberAsync(), await world.Data.MemberAsync());

        // when
        var response = await world.Gateway.GraphQLAsync(PrivacyKit.RequestErasure, new { input = new { memberId = GlobalId.Encode("Member", other.Id) } },
            world.Data.MemberToken(member.Id));

        // then
        Assert.Equal("AUTH_NOT_AUTHORIZED", response.FirstErrorCode);
        await using var db = world.Gateway.Db();
        Assert.Equal(0, await db.ErasureRequests.CountAsync());
    }

    [Fact]
    public async Task The_cooling_off_period_is_configured_in_days()
    {
        // given
        await using var world = await ErasureWorld.StartAsync(new Dictionary<string, string?> { ["Privacy:ErasureCoolingOffDays"] = "14" }, database);
        var member = await world.Data.MemberAsync();

        // when
        var request = (await world.Kit.RequestErasureAsync(world.Data.MemberToken(member.Id)))["erasureRequest"]!;

        // then: to the microsecond, PostgreSQL's precision
        Assert.Equal(world.Clock.GetUtcNow().UtcDateTime.AddDays(14), request["dueAt"]!.GetValue<DateTime>().ToUniversalTime(), TimeSpan.FromMicroseconds(1));
    }

    private static string TestDataPhone() => $"{Infrastructure.TestData.Next() % 10_000_000:0000000}";
}

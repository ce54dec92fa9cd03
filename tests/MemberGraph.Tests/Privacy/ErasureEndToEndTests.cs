using System.Text.Json.Nodes;
using MemberGraph.Domain;
using MemberGraph.Members;
using MemberGraph.Tests.Members;
using Microsoft.EntityFrameworkCore;

namespace MemberGraph.Tests.Privacy;

/// <summary>
/// Erasure from the member's request to the job and after, through HTTP: partner sharing stops at once, the member is gone
/// from every read (member, members, node, the guide's sidebar, the till's member code, the partner lookup, the member's own
/// token), the financial records and the guide's commission are exactly as before, the steps are audited, the job is
/// idempotent, and the same openid signs in as a new member.
/// </summary>
public sealed class ErasureEndToEndTests
{
    private const string OrderWithBuyer = """
        query ($id: ID!) { node(id: $id) { ... on Order { paidAmountCents refundedAmountCents
          member { id displayName phone birthday status identities { channel } tags { key } exclusiveGuide { id } erasureRequest { id } } } } }
        """;

    [Fact]
    public async Task An_erased_member_is_gone_from_every_read_the_money_stays_and_the_same_openid_signs_in_as_a_new_member()
    {
        // given: the member's world, what the partner, the guide and the till see of them now, and an export link
        await using var world = await (await ErasureWorld.StartAsync()).WithMemberAsync();
        var gateway = world.Gateway;
        var kit = world.Kit;
        Assert.NotNull((await gateway.GraphQLAsync(Partners.PartnerKit.LookupByPhone, new { phone = world.Phone }, world.PartnerToken)).OkData()["partnerMemberLookup"]);
        Assert.Null((await Sidebar(world)).Errors);
        var exportUrl = (await kit.ExportedAsync(world.MemberToken))["url"]!.GetValue<string>();
        var financialBefore = await world.FinancialRecordsAsync();
        await using (var db = gateway.Db())
        {
            // the arithmetic the records hold: paid 200.00, refunded 50.00; the guide's commission on the 150.00 kept
            var order = await db.Orders.SingleAsync(o => o.MemberId == world.MemberId);
            Assert.Equal((20_000L, 5_000L), (order.PaidAmountCents, order.RefundedAmountCents));
            Assert.True(await db.CommissionLines.Where(l => l.GuideId == world.Guide.Id).SumAsync(l => l.AmountCents - l.ClawedBackCents) > 0);
        }

        // when: the member asks to be erased
        var requested = await kit.RequestErasureAsync(world.MemberToken);

        // then: pending for the 7 days of cooling-off, and the partner no longer finds the member, at once
        var request = requested["erasureRequest"]!;
        Assert.Equal(("PENDING", "MEMBER"), (request["status"]!.GetValue<string>(), request["requestedBy"]!.GetValue<string>()));
        Assert.Equal(request["requestedAt"]!.GetValue<DateTime>().AddDays(7), request["dueAt"]!.GetValue<DateTime>());
        Assert.Null((await gateway.GraphQLAsync(Partners.PartnerKit.LookupByPhone, new { phone = world.Phone }, world.PartnerToken)).OkData()["partnerMemberLookup"]);
        var me = (await gateway.GraphQLAsync("{ me { erasureRequest { id dueAt } partnerConsentLedger(first: 5) { edges { node { action channel } } } } }",
            token: world.MemberToken)).OkData()["me"]!;
        Assert.Equal(request["id"]!.GetValue<string>(), me["erasureRequest"]!["id"]!.GetValue<string>());
        Assert.Equal("REVOKED/ERASURE", $"{me["partnerConsentLedger"]!["edges"]![0]!["node"]!["action"]}/{me["partnerConsentLedger"]!["edges"]![0]!["node"]!["channel"]}");

        // when: the cooling-off period is over and the job runs, twice
        world.Clock.Advance(TimeSpan.FromDays(7) + TimeSpan.FromMinutes(1));
        var first = await kit.RunErasureAsync();
        var afterFirst = await MemberRowAsync(world);
        var second = await kit.RunErasureAsync();

        // then: erased once; the second run found nothing to do and changed nothing
        Assert.Equal((1L, 1L), (first["due"], first["erased"]));
        Assert.Equal((0L, 0L), (second["due"], second["erased"]));
        Assert.Equal(afterFirst, await MemberRowAsync(world));

        // then: gone from every read
        var id = world.MemberGlobalId;
        Assert.Null((await gateway.GraphQLAsync("query($id: ID!) { member(id: $id) { id } }", new { id }, world.AdminToken)).OkData()["member"]);
        Assert.Null((await gateway.GraphQLAsync("query($id: ID!) { node(id: $id) { id } }", new { id }, world.AdminToken)).OkData()["node"]);
        Assert.Equal(0, (await gateway.GraphQLAsync("query($p: String) { members(where: { phone: $p }) { totalCount } }", new { p = world.Phone }, world.AdminToken))
            .OkData()["members"]!["totalCount"]!.GetValue<int>());
        Assert.Equal("AUTH_NOT_AUTHORIZED", (await gateway.GraphQLAsync("query($id: ID!) { member(id: $id) { id } }", new { id }, world.GuideToken)).FirstErrorCode);
        Assert.Equal(0, (await gateway.GraphQLAsync("{ members { totalCount } }", token: world.GuideToken)).OkData()["members"]!["totalCount"]!.GetValue<int>());
        Assert.Equal("NOT_FOUND", (await Sidebar(world)).FirstErrorCode);
        var codeShownBefore = gateway.Service<MemberCodeService>().Issue(world.MemberId).Code; // a code still within its minute
        Assert.Null((await gateway.GraphQLAsync("query($c: String!) { memberByCode(code: $c) { id } }", new { c = codeShownBefore }, world.StaffToken)).OkData()["memberByCode"]);
        Assert.Null((await gateway.GraphQLAsync(Partners.PartnerKit.LookupByPhone, new { phone = world.Phone }, world.PartnerToken)).OkData()["partnerMemberLookup"]);
        Assert.Equal("AUTH_NOT_AUTHENTICATED", (await gateway.GraphQLAsync("{ me { id } }", token: world.MemberToken)).FirstErrorCode);
        Assert.Equal(404, (await kit.DownloadAsync(exportUrl)).Status);

        // then: the order still points at its buyer, now an anonymous record with nothing personal
        var buyer = (await gateway.GraphQLAsync(OrderWithBuyer, new { id = world.OrderId }, world.AdminToken)).OkData()["node"]!;
        Assert.Equal((20_000L, 5_000L), (buyer["paidAmountCents"]!.GetValue<long>(), buyer["refundedAmountCents"]!.GetValue<long>()));
        Assert.Equal("""{"id":"ID","displayName":"已注销用户","phone":null,"birthday":null,"status":"ERASED","identities":[],"tags":[],"exclusiveGuide":null,"erasureRequest":null}""",
            buyer["member"]!.ToJsonString(new System.Text.Json.JsonSerializerOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping })
                .Replace(id, "ID", StringComparison.Ordinal));

        // then: every financial record as it was — orders, refunds, points, coupons, the guide's commission
        Assert.Equal(financialBefore, await world.FinancialRecordsAsync());

        // then: what the database keeps about the person
        await using (var db = gateway.Db())
        {
            var member = await db.Members.AsNoTracking().SingleAsync(m => m.Id == world.MemberId);
            Assert.Equal((MemberStatus.Erased, "已注销用户", null, null, Gender.Unknown, null, false, false),
                (member.Status, member.DisplayName, member.Phone, member.Birthday, member.Gender, member.HomeLatitude, member.MarketingConsent, member.AddedGuideOnWeCom));
            Assert.Equal(0, await db.Identities.CountAsync(i => i.MemberId == world.MemberId));
            Assert.Equal(0, await db.MemberTags.CountAsync(t => t.MemberId == world.MemberId));
            Assert.Equal(0, await db.PartnerConsents.CountAsync(c => c.MemberId == world.MemberId));
            Assert.Equal(0, await db.DataExports.CountAsync(e => e.MemberId == world.MemberId));
            Assert.Equal(["member_erased"], await db.GuideRelationships.Where(r => r.MemberId == world.MemberId).Select(r => r.EndReason!).ToListAsync());
            var audited = await db.AuditEntries.Where(a => a.Target == $"Member:{world.MemberId}" && a.Operation.StartsWith("privacy.erasure"))
                .OrderBy(a => a.Id).Select(a => a.Operation + " by " + a.Role).ToListAsync();
            Assert.Equal(["privacy.erasure.request by member", "privacy.erasure.complete by job"], audited);
        }

        // when: the same person signs in again with the same openid (tokens are checked against the real clock: set it back)
        world.Clock.Set(DateTimeOffset.UtcNow);
        var (again, token) = await SignInSteps.SignedInAsync(gateway, $"sandbox:{world.OpenId}");

        // then: a new member, with nothing of the erased one
        Assert.NotEqual(world.MemberId, again);
        var fresh = (await gateway.GraphQLAsync("{ me { phone orders { totalCount } coupons { totalCount } points { balance } } }", token: token)).OkData()["me"]!;
        Assert.Equal("""{"phone":null,"orders":{"totalCount":0},"coupons":{"totalCount":0},"points":{"balance":0}}""", fresh.ToJsonString());
    }

    private static Task<Infrastructure.GraphQLResponse> Sidebar(ErasureWorld world) =>
        world.Gateway.GraphQLAsync("query($e: String!) { sidebarContext(externalUserId: $e) { member { id } } }", new { e = world.ExternalUserId }, world.GuideToken);

    private static async Task<string> MemberRowAsync(ErasureWorld world)
    {
        await using var db = world.Gateway.Db();
        var member = await db.Members.AsNoTracking().SingleAsync(m => m.Id == world.MemberId);
        var requests = await db.ErasureRequests.AsNoTracking().Where(r => r.MemberId == world.MemberId).Select(r => new { r.Status, r.CompletedAt }).ToListAsync();
        var ledger = await db.PartnerConsentLedger.CountAsync(e => e.MemberId == world.MemberId);
        var audit = await db.AuditEntries.CountAsync(a => a.Target == $"Member:{world.MemberId}");
        return System.Text.Json.JsonSerializer.Serialize(new { member.Status, member.DisplayName, member.TouchedAt, requests, ledger, audit });
    }
}

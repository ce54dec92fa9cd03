using System.Text.Json.Nodes;
using MemberGraph.Domain;
using MemberGraph.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace MemberGraph.Tests.Partners;

/// <summary>
/// Members grant and revoke sharing per partner and purpose; the live consents, the append-only ledger (only changes
/// are written: a repeat is idempotent and writes nothing), the audit lines and the pairwise id of the first consent.
/// </summary>
public abstract class PartnerConsentTests(GatewayHost gateway)
{
    public sealed class OnSqlite(GatewayFixture fixture) : PartnerConsentTests(fixture.Gateway), IClassFixture<GatewayFixture>;

    public sealed class OnPostgres(PostgresGatewayFixture fixture) : PartnerConsentTests(fixture.Gateway), IClassFixture<PostgresGatewayFixture>;

    private const string MyConsents = """
        { me { partnerConsents { partner { id name } purpose channel grantedAt }
               partnerConsentLedger(first: 10) { totalCount edges { node { action purpose channel memberId at partner { id } } } } } }
        """;

    private GatewayHost Gateway => gateway;

    [Fact]
    public async Task A_member_grants_a_consent_and_sees_it_live_and_in_the_ledger()
    {
        // given
        var kit = new PartnerKit(Gateway);
        var partner = await kit.RegisterAsync();
        var (member, _) = await kit.MemberAsync();

        // when
        var granted = await kit.GrantAsync(member, partner.Id, "POINTS_EXCHANGE");

        // then
        Assert.Empty(granted["errors"]!.AsArray());
        Assert.Equal(("POINTS_EXCHANGE", "MINI_PROGRAM", partner.Id), (granted["consent"]!["purpose"]!.GetValue<string>(),
            granted["consent"]!["channel"]!.GetValue<string>(), granted["consent"]!["partner"]!["id"]!.GetValue<string>()));
        Assert.Equal(("GRANTED", GlobalId.Encode("Member", member)), (granted["ledgerEntry"]!["action"]!.GetValue<string>(),
            granted["ledgerEntry"]!["memberId"]!.GetValue<string>()));
        var me = (await Gateway.GraphQLAsync(MyConsents, token: kit.Data.MemberToken(member))).OkData()["me"]!;
        var consent = Assert.Single(me["partnerConsents"]!.AsArray())!;
        Assert.Equal(partner.Id, consent["partner"]!["id"]!.GetValue<string>());
        Assert.StartsWith("合作商场", consent["partner"]!["name"]!.GetValue<string>());
        Assert.Equal(1, me["partnerConsentLedger"]!["totalCount"]!.GetValue<int>());
        await using var db = Gateway.Db();
        Assert.Equal(1, await db.PairwiseIdentities.CountAsync(p => p.MemberId == member));
        var audited = await db.AuditEntries.Where(a => a.Target == $"Member:{member}").Select(a => a.Operation).ToListAsync();
        Assert.Equal(["partner.consent.grant"], audited);
    }

    [Fact]
    public async Task Granting_twice_keeps_one_live_consent_and_one_ledger_entry()
    {
        // given
        var kit = new PartnerKit(Gateway);
        var partner = await kit.RegisterAsync();
        var (member, _) = await kit.MemberAsync();
        await kit.GrantAsync(member, partner.Id);

        // when
        var again = await kit.GrantAsync(member, partner.Id);

        // then: the live consent answers, nothing was written
        Assert.Empty(again["errors"]!.AsArray());
        Assert.Equal("BENEFITS", again["consent"]!["purpose"]!.GetValue<string>());
        Assert.Null(again["ledgerEntry"]);
        await using var db = Gateway.Db();
        Assert.Equal(1, await db.PartnerConsents.CountAsync(c => c.MemberId == member));
        Assert.Equal(1, await db.PartnerConsentLedger.CountAsync(e => e.MemberId == member));
        Assert.Equal(1, await db.AuditEntries.CountAsync(a => a.Target == $"Member:{member}"));
    }

    [Fact]
    public async Task Parallel_grants_of_one_consent_and_of_two_purposes_leave_one_consent_each_one_entry_each_and_one_pairwise_id()
    {
        // given
        var kit = new PartnerKit(Gateway);
        var partner = await kit.RegisterAsync();
        var (member, _) = await kit.MemberAsync();

        // when: eight requests at once, four per purpose
        var answers = await Task.WhenAll(Enumerable.Range(0, 8)
            .Select(i => kit.GrantAsync(member, partner.Id, i % 2 == 0 ? "BENEFITS" : "POINTS_EXCHANGE")));

        // then
        Assert.All(answers, a => Assert.Empty(a["errors"]!.AsArray()));
        Assert.Equal(2, answers.Count(a => a["ledgerEntry"] is JsonObject));
        await using var db = Gateway.Db();
        Assert.Equal(2, await db.PartnerConsents.CountAsync(c => c.MemberId == member));
        Assert.Equal(2, await db.PartnerConsentLedger.CountAsync(e => e.MemberId == member));
        Assert.Equal(1, await db.PairwiseIdentities.CountAsync(p => p.MemberId == member && p.PartnerId == partner.Key));
    }

    [Fact]
    public async Task Revoking_removes_the_live_consent_and_appends_to_the_ledger_and_revoking_again_changes_nothing()
    {
        // given
        var kit = new PartnerKit(Gateway);
        var partner = await kit.RegisterAsync();
        var (member, _) = await kit.MemberAsync();
        await kit.GrantAsync(member, partner.Id);

        // when
        var revoked = await kit.RevokeAsync(member, partner.Id);
        var again = await kit.RevokeAsync(member, partner.Id);

        // then
        Assert.Empty(revoked["errors"]!.AsArray());
        Assert.Null(revoked["consent"]);
        Assert.Equal("REVOKED", revoked["ledgerEntry"]!["action"]!.GetValue<string>());
        Assert.Empty(again["errors"]!.AsArray());
        Assert.Null(again["ledgerEntry"]);
        var me = (await Gateway.GraphQLAsync(MyConsents, token: kit.Data.MemberToken(member))).OkData()["me"]!;
        Assert.Empty(me["partnerConsents"]!.AsArray());
        Assert.Equal(["REVOKED", "GRANTED"], Actions(me["partnerConsentLedger"]!));
        await using var db = Gateway.Db();
        Assert.Equal(["partner.consent.grant", "partner.consent.revoke"],
            await db.AuditEntries.Where(a => a.Target == $"Member:{member}").OrderBy(a => a.Id).Select(a => a.Operation).ToListAsync());
    }

    [Fact]
    public async Task Admins_read_any_members_ledger_newest_first_in_pages()
    {
        // given: granted, revoked, granted again
        var kit = new PartnerKit(Gateway);
        var partner = await kit.RegisterAsync();
        var (member, _) = await kit.MemberAsync();
        await kit.GrantAsync(member, partner.Id);
        await kit.RevokeAsync(member, partner.Id);
        await kit.GrantAsync(member, partner.Id);
        const string Ledger = """
            query ($id: ID!, $after: String) { partnerConsentLedger(memberId: $id, first: 2, after: $after) {
              totalCount pageInfo { hasNextPage endCursor } edges { node { action partner { id name } } } } }
            """;

        // when
        var first = (await Gateway.GraphQLAsync(Ledger, new { id = GlobalId.Encode("Member", member), after = (string?)null }, kit.AdminToken))
            .OkData()["partnerConsentLedger"]!;
        var after = first["pageInfo"]!["endCursor"]!.GetValue<string>();
        var second = (await Gateway.GraphQLAsync(Ledger, new { id = member.ToString(), after }, kit.AdminToken))
            .OkData()["partnerConsentLedger"]!;

        // then
        Assert.Equal(3, first["totalCount"]!.GetValue<int>());
        Assert.Equal(["GRANTED", "REVOKED"], Actions(first));
        Assert.True(first["pageInfo"]!["hasNextPage"]!.GetValue<bool>());
        Assert.Equal(["GRANTED"], Actions(second));
        Assert.False(second["pageInfo"]!["hasNextPage"]!.GetValue<bool>());
    }

    [Fact]
    public async Task A_suspended_partner_cannot_be_granted_but_can_be_revoked_and_an_unknown_partner_is_not_found()
    {
        // given
        var kit = new PartnerKit(Gateway);
        var partner = await kit.RegisterAsync();
        var (member, _) = await kit.MemberAsync();
        await kit.GrantAsync(member, partner.Id);
        await Gateway.GraphQLAsync(PartnerKit.SetStatus, new { id = partner.Id, status = "SUSPENDED" }, kit.AdminToken);

        // when
        var grant = await kit.GrantAsync(member, partner.Id, "POINTS_EXCHANGE");
        var revoke = await kit.RevokeAsync(member, partner.Id);
        var unknown = await kit.GrantAsync(member, GlobalId.Encode("Partner", 9_999_999));

        // then
        var refusal = grant["errors"]![0]!;
        Assert.Equal(("PARTNER_SUSPENDED", "partnerId"), (refusal["code"]!.GetValue<string>(), refusal["field"]!.GetValue<string>()));
        Assert.Null(grant["consent"]);
        Assert.Empty(revoke["errors"]!.AsArray());
        Assert.Equal("REVOKED", revoke["ledgerEntry"]!["action"]!.GetValue<string>());
        Assert.Equal("NOT_FOUND", unknown["errors"]![0]!["code"]!.GetValue<string>());
    }

    private static List<string> Actions(JsonNode ledger) =>
        ledger["edges"]!.AsArray().Select(e => e!["node"]!["action"]!.GetValue<string>()).ToList();
}

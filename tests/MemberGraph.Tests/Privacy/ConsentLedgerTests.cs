using MemberGraph.Tests.Infrastructure;
using MemberGraph.Tests.Partners;

namespace MemberGraph.Tests.Privacy;

/// <summary>
/// The consent ledger through /graphql: subscribe-message acceptances counted one message each, guide outreach as a standing
/// opt-in, partner consents in the same ledger, all readable as Member.consents by the member and by admins.
/// </summary>
public abstract class ConsentLedgerTests(SubscribeMessageGatewayFixture fixture)
{
    public sealed class OnSqlite(SubscribeMessageGatewayFixture fixture) : ConsentLedgerTests(fixture), IClassFixture<SubscribeMessageGatewayFixture>;

    public sealed class OnPostgres(PostgresSubscribeMessageGatewayFixture fixture) : ConsentLedgerTests(fixture), IClassFixture<PostgresSubscribeMessageGatewayFixture>;

    private const string Template = SubscribeMessageGatewayFixture.CouponExpiringTemplate;

    private readonly ConsentKit _kit = new(fixture.Gateway);

    [Fact]
    public async Task The_mini_program_learns_the_templates_to_ask_for()
    {
        // given
        var (member, _) = await _kit.MemberAsync();

        // when
        var answer = await fixture.Gateway.GraphQLAsync("{ subscribeMessageTemplates { purpose templateId } }", token: _kit.Data.MemberToken(member.Id));

        // then
        var template = Assert.Single(answer.OkData()["subscribeMessageTemplates"]!.AsArray())!;
        Assert.Equal(("COUPON_EXPIRING", Template), (template["purpose"]!.GetValue<string>(), template["templateId"]!.GetValue<string>()));
    }

    [Fact]
    public async Task Each_acceptance_allows_one_message_and_a_refusal_withdraws_what_is_left()
    {
        // given
        var (member, _) = await _kit.MemberAsync();

        // when: accepted twice (two prompts), then refused at the third prompt, then refused again
        var first = await _kit.SubscribeAsync(member.Id, (Template, true));
        var second = await _kit.SubscribeAsync(member.Id, (Template, true));
        var afterTwo = await _kit.ConsentsAsync(member.Id);
        var refused = await _kit.SubscribeAsync(member.Id, (Template, false));
        var refusedAgain = await _kit.SubscribeAsync(member.Id, (Template, false));

        // then: 1 + 1 = 2 acceptances, each its own GRANTED entry; the refusal withdrew both (one REVOKED entry); the second changed nothing
        Assert.Empty(first["errors"]!.AsArray());
        Assert.Equal(("SUBSCRIBE_MESSAGE", "GRANTED", "MINI_PROGRAM", Template), Assert.Single(ConsentKit.LedgerOf(first["ledgerEntries"]!)));
        Assert.Equal(2, second["consents"]!["subscribeMessages"]![0]!["remaining"]!.GetValue<int>());
        Assert.Equal("COUPON_EXPIRING", afterTwo["subscribeMessages"]![0]!["purpose"]!.GetValue<string>());
        Assert.Equal(("SUBSCRIBE_MESSAGE", "REVOKED", "MINI_PROGRAM", Template), Assert.Single(ConsentKit.LedgerOf(refused["ledgerEntries"]!)));
        Assert.Empty(refused["consents"]!["subscribeMessages"]!.AsArray());
        Assert.Empty(refusedAgain["ledgerEntries"]!.AsArray());
        var ledger = ConsentKit.Ledger(await _kit.ConsentsAsync(member.Id));
        Assert.Equal([("SUBSCRIBE_MESSAGE", "REVOKED", "MINI_PROGRAM", Template), ("SUBSCRIBE_MESSAGE", "GRANTED", "MINI_PROGRAM", Template),
            ("SUBSCRIBE_MESSAGE", "GRANTED", "MINI_PROGRAM", Template)], ledger);
    }

    [Fact]
    public async Task Only_the_configured_templates_are_recorded()
    {
        // given
        var (member, _) = await _kit.MemberAsync();

        // when
        var unknown = await _kit.SubscribeAsync(member.Id, (Template, true), ("someone-elses-template", true));
        var twice = await _kit.SubscribeAsync(member.Id, (Template, true), (Template, false));
        var none = await _kit.SubscribeAsync(member.Id);

        // then: refused whole, nothing recorded
        Assert.Equal("SUBSCRIBE_TEMPLATE_UNKNOWN", unknown["errors"]![0]!["code"]!.GetValue<string>());
        Assert.Equal("INVALID_INPUT", twice["errors"]![0]!["code"]!.GetValue<string>());
        Assert.Equal("INVALID_INPUT", none["errors"]![0]!["code"]!.GetValue<string>());
        Assert.Null(unknown["consents"]);
        var consents = await _kit.ConsentsAsync(member.Id);
        Assert.Empty(consents["subscribeMessages"]!.AsArray());
        Assert.Equal(0, consents["ledger"]!["totalCount"]!.GetValue<int>());
    }

    [Fact]
    public async Task Parallel_acceptances_are_all_counted()
    {
        // given
        var (member, _) = await _kit.MemberAsync();

        // when: eight acceptances at once (the first ones race to create the row)
        await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => _kit.SubscribeAsync(member.Id, (Template, true))));

        // then
        Assert.Equal(8, await _kit.RemainingAsync(member.Id, Template));
        Assert.Equal(8, (await _kit.ConsentsAsync(member.Id))["ledger"]!["totalCount"]!.GetValue<int>());
    }

    [Fact]
    public async Task Guide_outreach_is_a_standing_opt_in_the_guide_sees_on_the_sidebar()
    {
        // given: the member's own guide, who opens their card from a WeCom chat
        var store = await _kit.Data.StoreAsync();
        var guide = await _kit.Data.GuideAsync(store.Id);
        var externalUserId = $"wmPrivacy{TestData.Next()}";
        var member = await _kit.Data.MemberAsync(null, null, (MemberGraph.Members.IdentityChannel.WecomExternalUserid, externalUserId));
        await _kit.Data.RelationshipAsync(member.Id, guide.Id);
        const string sidebar = "query ($e: String!) { sidebarContext(externalUserId: $e) { guideOutreachConsent } }";
        async Task<bool> SidebarSaysAsync() => (await fixture.Gateway.GraphQLAsync(sidebar, new { e = externalUserId }, _kit.Data.GuideToken(guide)))
            .OkData()["sidebarContext"]!["guideOutreachConsent"]!.GetValue<bool>();
        var before = await SidebarSaysAsync();

        // when
        var granted = await _kit.OutreachAsync(member.Id, true);
        var again = await _kit.OutreachAsync(member.Id, true);
        var during = await SidebarSaysAsync();
        var revoked = await _kit.OutreachAsync(member.Id, false);

        // then
        Assert.False(before);
        Assert.True(granted["consents"]!["guideOutreach"]!.GetValue<bool>());
        Assert.Equal(("GUIDE_OUTREACH", "GRANTED", "MINI_PROGRAM", null), Assert.Single(ConsentKit.LedgerOf(granted["ledgerEntries"]!)));
        Assert.Empty(again["ledgerEntries"]!.AsArray());
        Assert.True(during);
        Assert.False(revoked["consents"]!["guideOutreach"]!.GetValue<bool>());
        Assert.False(await SidebarSaysAsync());
        Assert.Equal(["REVOKED", "GRANTED"], ConsentKit.Ledger(await _kit.ConsentsAsync(member.Id)).Select(e => e.Action));
    }

    [Fact]
    public async Task Partner_consents_go_to_the_same_ledger()
    {
        // given
        var partners = new PartnerKit(fixture.Gateway);
        var partner = await partners.RegisterAsync();
        var (member, _) = await _kit.MemberAsync();
        await _kit.SubscribeAsync(member.Id, (Template, true));

        // when
        await partners.GrantAsync(member.Id, partner.Id, "BENEFITS");
        await partners.GrantAsync(member.Id, partner.Id, "POINTS_EXCHANGE");
        await partners.RevokeAsync(member.Id, partner.Id, "BENEFITS");

        // then: the member reads one ledger (newest first) and what they share now
        var mine = (await fixture.Gateway.GraphQLAsync(ConsentKit.MyConsents, token: _kit.Data.MemberToken(member.Id))).OkData()["me"]!["consents"]!;
        Assert.Equal([("PARTNER_BENEFITS", "REVOKED", "MINI_PROGRAM", partner.Id), ("PARTNER_POINTS_EXCHANGE", "GRANTED", "MINI_PROGRAM", partner.Id),
            ("PARTNER_BENEFITS", "GRANTED", "MINI_PROGRAM", partner.Id), ("SUBSCRIBE_MESSAGE", "GRANTED", "MINI_PROGRAM", Template)], ConsentKit.Ledger(mine));
        var shared = Assert.Single(mine["partners"]!.AsArray())!;
        Assert.Equal((partner.Id, "POINTS_EXCHANGE"), (shared["partner"]!["id"]!.GetValue<string>(), shared["purpose"]!.GetValue<string>()));
    }

    [Fact]
    public async Task Another_member_reads_neither_the_consents_nor_the_ledger()
    {
        // given
        var (member, _) = await _kit.MemberAsync();
        var (other, _) = await _kit.MemberAsync();
        await _kit.SubscribeAsync(member.Id, (Template, true));

        // when
        var answer = await fixture.Gateway.GraphQLAsync(ConsentKit.MemberConsents, new { id = ConsentKit.Id(member.Id) }, _kit.Data.MemberToken(other.Id));

        // then
        Assert.Equal("AUTH_NOT_AUTHORIZED", answer.FirstErrorCode);
        Assert.Null(answer.Data?["member"]);
    }
}

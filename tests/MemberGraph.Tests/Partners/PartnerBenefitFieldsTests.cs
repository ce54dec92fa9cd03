using MemberGraph.Data;
using MemberGraph.Domain;
using MemberGraph.Tests.Coupons;
using MemberGraph.Tests.Infrastructure;

namespace MemberGraph.Tests.Partners;

/// <summary>
/// The benefit fields of <c>PartnerMember</c> over real HTTP: the partner's own PARTNER coupons (never another partner's or
/// the brand's), the points balance, refusals at the field's own path when a purpose is revoked, the lookup with any scope,
/// and one read per level whatever the number of members. Which scope and consent each field needs, cell by cell, is
/// <see cref="PartnerBenefitAuthorizationMatrixTests"/>.
/// </summary>
public sealed class PartnerBenefitFieldsTests(GatewayFixture fixture) : IClassFixture<GatewayFixture>
{
    private const string CouponFields = "code name valueKind amountOffCents discountRate giftDescription thresholdCents status validUntil";

    private GatewayHost Gateway => fixture.Gateway;

    [Fact]
    public async Task Coupons_are_the_members_coupons_of_this_partners_own_PARTNER_benefits_only()
    {
        // given: the member holds a coupon of this partner's benefit, one of another partner's, and one of the brand's own
        var kit = new PartnerKit(Gateway);
        var partner = await kit.RegisterAsync();
        var other = await kit.RegisterAsync();
        var (member, phone, pairwise) = await kit.ConsentingAsync(partner);
        await kit.GrantAsync(member, other.Id);
        var parking = await kit.PartnerTemplateAsync(partner, t =>
        {
            t["name"] = "停车2小时";
            t["value"] = new Dictionary<string, object?> { ["giftDescription"] = "免费停车 2 小时" };
            t["thresholdCents"] = 0;
        });
        var own = await kit.ClaimedAsync(parking, member);
        await kit.ClaimedAsync(await kit.PartnerTemplateAsync(other), member);
        await kit.ClaimedAsync(await new CouponKit(Gateway).TemplateAsync(), member);
        var token = await kit.TokenAsync(partner);

        // when: through _entities and through the lookup
        var entity = (await kit.EntitiesAsync(token, $"coupons {{ {CouponFields} }}", pairwise)).OkData()["_entities"]![0]!;
        var lookup = $"query ($phone: String!) {{ partnerMemberLookup(phone: $phone) {{ coupons {{ {CouponFields} }} }} }}";
        var found = (await Gateway.GraphQLAsync(lookup, new { phone }, token)).OkData()["partnerMemberLookup"]!;

        // then: exactly the partner's own coupon, with its benefit fields and the code in full
        var coupon = Assert.Single(entity["coupons"]!.AsArray())!;
        Assert.Equal(own.Str("code"), coupon.Str("code"));
        Assert.Matches("^[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}$", coupon.Str("code"));
        Assert.Equal(("停车2小时", "GIFT", "免费停车 2 小时", "AVAILABLE"),
            (coupon.Str("name"), coupon.Str("valueKind"), coupon.Str("giftDescription"), coupon.Str("status")));
        Assert.Null(coupon["amountOffCents"]);
        Assert.Null(coupon["discountRate"]);
        Assert.Equal(0, coupon["thresholdCents"]!.GetValue<long>());
        Assert.Equal(DateTime.Parse(own.Str("validUntil")).ToUniversalTime(), DateTime.Parse(coupon.Str("validUntil")).ToUniversalTime());
        Assert.Equal(entity["coupons"]!.ToJsonString(), found["coupons"]!.ToJsonString());
    }

    [Fact]
    public async Task Coupons_show_their_status_now_newest_first_and_filter_by_it()
    {
        // given: two coupons of the partner's benefit, the older one past its window (the expiry step has not run)
        var kit = new PartnerKit(Gateway);
        var partner = await kit.RegisterAsync();
        var (member, _, pairwise) = await kit.ConsentingAsync(partner);
        var template = await kit.PartnerTemplateAsync(partner, t => t["perMemberLimit"] = 2);
        var older = await kit.ClaimedAsync(template, member);
        var newer = await kit.ClaimedAsync(template, member);
        await new CouponKit(Gateway).SetWindowAsync(older.Str("id"), DateTime.UtcNow.AddDays(-10), DateTime.UtcNow.AddDays(-1));
        var token = await kit.TokenAsync(partner);

        // when
        var entity = (await kit.EntitiesAsync(token,
            "all: coupons { code status amountOffCents thresholdCents } available: coupons(status: AVAILABLE) { code } " +
            "expired: coupons(status: EXPIRED) { code } redeemed: coupons(status: REDEEMED) { code }", pairwise)).OkData()["_entities"]![0]!;

        // then: 满100减15 is 1500 cents off from 10000
        var all = entity["all"]!.AsArray();
        Assert.Equal([(newer.Str("code"), "AVAILABLE"), (older.Str("code"), "EXPIRED")], all.Select(c => (c!.Str("code"), c!.Str("status"))));
        Assert.All(all, c => Assert.Equal((1500, 10000), (c!["amountOffCents"]!.GetValue<long>(), c["thresholdCents"]!.GetValue<long>())));
        Assert.Equal(newer.Str("code"), Assert.Single(entity["available"]!.AsArray())!.Str("code"));
        Assert.Equal(older.Str("code"), Assert.Single(entity["expired"]!.AsArray())!.Str("code"));
        Assert.Empty(entity["redeemed"]!.AsArray());
    }

    [Fact]
    public async Task Points_are_the_available_balance_for_a_member_consenting_to_exchange()
    {
        // given: 1234 available, 56 pending (pending is not the partner's to see)
        var kit = new PartnerKit(Gateway);
        var partner = await kit.RegisterAsync();
        var (member, _, pairwise) = await kit.ConsentingAsync(partner, "BENEFITS", "POINTS_EXCHANGE");
        await kit.PointsAsync(member, balance: 1234, pending: 56);
        var (_, _, withoutPoints) = await kit.ConsentingAsync(partner, "POINTS_EXCHANGE");
        var token = await kit.TokenAsync(partner, "points:exchange");

        // when
        var entities = (await kit.EntitiesAsync(token, "id points { balance }", pairwise, withoutPoints)).OkData()["_entities"]!.AsArray();

        // then: a member who never had points has a balance of 0
        Assert.Equal(1234, entities[0]!["points"]!["balance"]!.GetValue<long>());
        Assert.Equal(0, entities[1]!["points"]!["balance"]!.GetValue<long>());
    }

    [Fact]
    public async Task A_revoked_purpose_refuses_its_fields_at_their_own_path_from_the_next_request_and_the_last_one_the_entity()
    {
        // given: a member consenting for both purposes, read once in full
        var kit = new PartnerKit(Gateway);
        var partner = await kit.RegisterAsync();
        var (member, _, pairwise) = await kit.ConsentingAsync(partner, "BENEFITS", "POINTS_EXCHANGE");
        await kit.ClaimedAsync(await kit.PartnerTemplateAsync(partner), member);
        var token = await kit.TokenAsync(partner);
        const string selection = "id tierName coupons { code } points { balance }";
        Assert.NotNull((await kit.EntitiesAsync(token, selection, pairwise)).OkData()["_entities"]![0]!["points"]);

        // when: POINTS_EXCHANGE is revoked
        await kit.RevokeAsync(member, partner.Id, "POINTS_EXCHANGE");
        var afterPoints = await kit.EntitiesAsync(token, selection, pairwise);

        // then: only points is refused, at its own path; the benefits still answer
        var entity = afterPoints.Data!["_entities"]![0]!;
        Assert.Null(entity["points"]);
        Assert.Equal("普通", entity.Str("tierName"));
        Assert.Single(entity["coupons"]!.AsArray());
        var error = Assert.Single(afterPoints.Errors!)!;
        Assert.Equal(("AUTH_NOT_AUTHORIZED", """["_entities",0,"points"]"""), (error["extensions"]!.Str("code"), error["path"]!.ToJsonString()));
        Assert.Contains("do not consent to POINTS_EXCHANGE", error.Str("message"));

        // when: BENEFITS is revoked too, the member consents to nothing: the entity itself is refused
        await kit.RevokeAsync(member, partner.Id, "BENEFITS");
        var afterAll = await kit.EntitiesAsync(token, selection, pairwise);

        // then
        Assert.Null(afterAll.Data!["_entities"]![0]);
        var refused = Assert.Single(afterAll.Errors!)!;
        Assert.Equal(("AUTH_NOT_AUTHORIZED", """["_entities",0]"""), (refused["extensions"]!.Str("code"), refused["path"]!.ToJsonString()));
    }

    [Fact]
    public async Task The_lookup_and_entities_take_any_partner_scope_and_refuse_a_partner_token_with_none()
    {
        // given: a member consenting for both purposes; a token with only points:exchange, and one with no partner scope at all
        var kit = new PartnerKit(Gateway);
        var partner = await kit.RegisterAsync();
        var (_, phone, pairwise) = await kit.ConsentingAsync(partner, "BENEFITS", "POINTS_EXCHANGE");
        var pointsOnly = await kit.TokenAsync(partner, "points:exchange");
        var noPartnerScope = kit.PartnerDevToken(partner.Key, scope: "channel:POS");

        // when
        var found = await kit.ByPhoneAsync(pointsOnly, phone);
        var refusedLookup = await kit.ByPhoneAsync(noPartnerScope, phone);
        var refusedEntities = await kit.EntitiesAsync(noPartnerScope, "id", pairwise);
        var sdl = await Gateway.GraphQLAsync("{ _service { sdl } }", token: noPartnerScope);

        // then
        Assert.Equal(pairwise, found.OkData()["partnerMemberLookup"]!.Str("id"));
        foreach (var (answer, field) in new[] { (refusedLookup, "partnerMemberLookup"), (refusedEntities, "_entities"), (sdl, "_service") })
        {
            var error = Assert.Single(answer.Errors!)!;
            Assert.Equal(("AUTH_NOT_AUTHORIZED", $"[\"{field}\"]"), (error["extensions"]!.Str("code"), error["path"]!.ToJsonString()));
            Assert.Contains("needs the scope benefits:read or benefits:redeem or points:exchange, and it holds channel:POS", error.Str("message"));
            Assert.Null(answer.Data?[field]);
        }
    }

    [Fact]
    public async Task No_member_id_of_the_brand_appears_in_what_a_partner_reads()
    {
        // given
        var kit = new PartnerKit(Gateway);
        var partner = await kit.RegisterAsync();
        var (member, _, pairwise) = await kit.ConsentingAsync(partner, "BENEFITS", "POINTS_EXCHANGE");
        var coupon = await kit.ClaimedAsync(await kit.PartnerTemplateAsync(partner), member);
        var token = await kit.TokenAsync(partner);

        // when
        var answer = await kit.EntitiesAsync(token, $"id displayName purposes tierName coupons {{ {CouponFields} }} points {{ balance }}", pairwise);

        // then: neither the member's nor the coupon's global id, only the pairwise id
        answer.OkData();
        Assert.DoesNotContain(GlobalId.Encode("Member", member), answer.Body);
        Assert.DoesNotContain(coupon.Str("id"), answer.Body);
        Assert.Contains(pairwise, answer.Body);
    }

    [Fact]
    public async Task The_benefit_fields_of_ten_members_take_as_many_statements_as_those_of_three()
    {
        // given: ten consenting members, each with a coupon of the partner's benefit and points
        var kit = new PartnerKit(Gateway);
        var partner = await kit.RegisterAsync();
        var template = await kit.PartnerTemplateAsync(partner);
        var pairwiseIds = new List<string>();
        for (var i = 0; i < 10; i++)
        {
            var (member, _, pairwise) = await kit.ConsentingAsync(partner, "BENEFITS", "POINTS_EXCHANGE");
            await kit.ClaimedAsync(template, member);
            await kit.PointsAsync(member, balance: 100 + i, pending: 0);
            pairwiseIds.Add(pairwise);
        }

        var token = await kit.TokenAsync(partner);

        // when
        var three = await StatementsAsync(kit, token, pairwiseIds.Take(3).ToArray());
        var ten = await StatementsAsync(kit, token, [.. pairwiseIds]);

        // then
        Assert.Equal(three, ten);
    }

    private async Task<long> StatementsAsync(PartnerKit kit, string token, string[] pairwiseIds)
    {
        var counter = Gateway.Service<SqlCommandCounter>();
        var before = counter.Count;
        var entities = (await kit.EntitiesAsync(token, "id tierName coupons { code status } points { balance }", pairwiseIds)).OkData()["_entities"]!;
        var after = counter.Count;
        Assert.All(entities.AsArray(), e => Assert.Single(e!["coupons"]!.AsArray()));
        Assert.All(entities.AsArray(), e => Assert.True(e!["points"]!["balance"]!.GetValue<long>() >= 100));
        return after - before;
    }
}

using System.Text.Json.Nodes;
using MemberGraph.Tests.Infrastructure;

namespace MemberGraph.Tests.Coupons;

public sealed class CouponTemplateTests : CouponGatewayTests
{
    private const string List = "query ($kind: CouponKind) { couponTemplates(kind: $kind, first: 50) { totalCount edges { node { id name kind status } } } }";

    [Fact]
    public async Task An_admin_defines_a_template_with_value_threshold_validity_stock_stores_and_channels()
    {
        // given
        var store = await Kit.Data.StoreAsync();
        var input = new
        {
            name = "O2O 30分钟达 85折",
            kind = "O2O",
            value = new { discountRate = 85 },
            thresholdCents = 3000,
            validity = new { daysAfterIssue = 14 },
            totalStock = 500,
            perMemberLimit = 3,
            usableStoreIds = new[] { CouponKit.StoreId(store.Id) },
            usableChannels = new[] { "MINI_PROGRAM", "DELIVERY_PLATFORM" },
            pointsPrice = 800,
        };

        // when
        var payload = (await Gateway.GraphQLAsync(CouponKit.Define, new { input }, Kit.AdminToken)).Payload("defineCouponTemplate");

        // then
        Assert.Empty(payload["errors"]!.AsArray());
        var template = payload["couponTemplate"]!;
        Assert.Equal("O2O", template.Str("kind"));
        Assert.Equal("DISCOUNT", template["value"]!.Str("kind"));
        Assert.Equal(85, template["value"]!["discountRate"]!.GetValue<int>());
        Assert.Equal(3000, template["thresholdCents"]!.GetValue<long>());
        Assert.Equal(14, template["validity"]!["daysAfterIssue"]!.GetValue<int>());
        Assert.Equal(500, template["remaining"]!.GetValue<int>());
        Assert.Equal(CouponKit.StoreId(store.Id), template["usableStores"]![0]!.Str("id"));
        Assert.Equal(["MINI_PROGRAM", "DELIVERY_PLATFORM"], template["usableChannels"]!.AsArray().Select(c => c!.GetValue<string>()));
        Assert.Equal(800, template["pointsPrice"]!.GetValue<long>());
        var audit = Assert.Single(await Kit.AuditAsync("defineCouponTemplate"));
        Assert.Equal($"CouponTemplate:{CouponKit.Key(template.Str("id"))}", audit.Target);
    }

    public static TheoryData<string, object, string> InvalidDefinitions => new()
    {
        { "two values", new { amountOffCents = 500, discountRate = 90 }, "value" },
        { "no value", new { }, "value" },
        { "discount of 100", new { discountRate = 100 }, "value.discountRate" },
        { "gift without a description", new { giftSku = "SKU-1" }, "value.giftDescription" },
        { "zero amount", new { amountOffCents = 0 }, "value.amountOffCents" },
    };

    [Theory]
    [MemberData(nameof(InvalidDefinitions))]
    public async Task Invalid_values_are_refused_naming_the_field(string why, object value, string field)
    {
        // when
        var payload = (await Gateway.GraphQLAsync(CouponKit.Define, new
        {
            input = new { name = why, kind = "IN_STORE", value, validity = new { daysAfterIssue = 3 }, totalStock = 10 },
        }, Kit.AdminToken)).Payload("defineCouponTemplate");

        // then
        Assert.Equal("INVALID_INPUT", payload.ErrorCode());
        Assert.Equal(field, payload["errors"]![0]!.Str("field"));
        Assert.Null(payload["couponTemplate"]);
    }

    [Fact]
    public async Task Validity_must_be_a_window_or_days_and_PARTNER_needs_a_partner()
    {
        // when
        var both = await DefineAsync(new { name = "x", kind = "IN_STORE", value = new { amountOffCents = 100 }, validity = new { daysAfterIssue = 3, from = DateTime.UtcNow, until = DateTime.UtcNow.AddDays(1) }, totalStock = 1 });
        var backwards = await DefineAsync(new { name = "x", kind = "IN_STORE", value = new { amountOffCents = 100 }, validity = new { from = DateTime.UtcNow, until = DateTime.UtcNow.AddDays(-1) }, totalStock = 1 });
        var noPartner = await DefineAsync(new { name = "x", kind = "PARTNER", value = new { amountOffCents = 100 }, validity = new { daysAfterIssue = 3 }, totalStock = 1 });
        var unknownStore = await DefineAsync(new { name = "x", kind = "IN_STORE", value = new { amountOffCents = 100 }, validity = new { daysAfterIssue = 3 }, totalStock = 1, usableStoreIds = new[] { CouponKit.StoreId(987_654) } });

        // then
        Assert.Equal(("INVALID_INPUT", "validity"), (both.ErrorCode(), both["errors"]![0]!.Str("field")));
        Assert.Equal(("INVALID_INPUT", "validity"), (backwards.ErrorCode(), backwards["errors"]![0]!.Str("field")));
        Assert.Equal(("INVALID_INPUT", "partnerId"), (noPartner.ErrorCode(), noPartner["errors"]![0]!.Str("field")));
        Assert.Equal(("NOT_FOUND", "usableStoreIds"), (unknownStore.ErrorCode(), unknownStore["errors"]![0]!.Str("field")));
    }

    [Fact]
    public async Task A_points_price_above_the_most_one_exchange_may_spend_is_refused_on_define_and_update()
    {
        // given: Points:MaxRedemption is 1,000,000 by default
        var templateId = await Kit.TemplateAsync(t => { t["claimable"] = false; t["pointsPrice"] = 1_000_000; });
        const string update = "mutation ($input: UpdateCouponTemplateInput!) { updateCouponTemplate(input: $input) { couponTemplate { pointsPrice } errors { code field message } } }";

        // when
        var defined = await DefineAsync(new { name = "x", kind = "IN_STORE", value = new { amountOffCents = 100 }, validity = new { daysAfterIssue = 3 }, totalStock = 1, claimable = false, pointsPrice = 1_000_001 });
        var updated = (await Gateway.GraphQLAsync(update, new { input = new { id = templateId, pointsPrice = 99_999_999 } }, Kit.AdminToken)).Payload("updateCouponTemplate");

        // then: no member could ever exchange such a coupon (the exchange would be refused as an over-limit spend)
        Assert.Equal(("INVALID_INPUT", "pointsPrice"), (defined.ErrorCode(), defined["errors"]![0]!.Str("field")));
        Assert.Equal(("INVALID_INPUT", "pointsPrice"), (updated.ErrorCode(), updated["errors"]![0]!.Str("field")));
        Assert.Contains("at most 1000000", updated["errors"]![0]!.Str("message"));
    }

    [Fact]
    public async Task Stock_can_be_raised_but_not_set_below_what_was_issued()
    {
        // given
        var templateId = await Kit.TemplateAsync(t => t["totalStock"] = 5);
        var member = await Kit.Data.MemberAsync();
        await Kit.ClaimedAsync(templateId, member.Id);
        const string update = "mutation ($input: UpdateCouponTemplateInput!) { updateCouponTemplate(input: $input) { couponTemplate { totalStock remaining name } errors { code field } } }";

        // when
        var below = (await Gateway.GraphQLAsync(update, new { input = new { id = templateId, totalStock = 0 } }, Kit.AdminToken)).Payload("updateCouponTemplate");
        var raised = (await Gateway.GraphQLAsync(update, new { input = new { id = templateId, totalStock = 50, name = "满100减15 加量" } }, Kit.AdminToken)).Payload("updateCouponTemplate");

        // then
        Assert.Equal("INVALID_INPUT", below.ErrorCode());
        Assert.Empty(raised["errors"]!.AsArray());
        Assert.Equal(50, raised["couponTemplate"]!["totalStock"]!.GetValue<int>());
        Assert.Equal(49, raised["couponTemplate"]!["remaining"]!.GetValue<int>());
        Assert.Equal("满100减15 加量", raised["couponTemplate"]!.Str("name"));
        Assert.Single(await Kit.AuditAsync("updateCouponTemplate"));
    }

    [Fact]
    public async Task Members_see_what_they_can_get_now_admins_see_everything()
    {
        // given
        var open = await Kit.TemplateAsync(t => t["name"] = "open");
        var exchangeOnly = await Kit.TemplateAsync(t => { t["name"] = "exchange only"; t["claimable"] = false; t["pointsPrice"] = 100; });
        var guideOnly = await Kit.TemplateAsync(t => { t["name"] = "guide only"; t["claimable"] = false; });
        var soldOut = await Kit.TemplateAsync(t => { t["name"] = "sold out"; t["totalStock"] = 1; });
        var ended = await Kit.TemplateAsync(t => { t["name"] = "ended"; t["validity"] = new { from = DateTime.UtcNow.AddDays(-3), until = DateTime.UtcNow.AddDays(-1) }; });
        var retired = await Kit.TemplateAsync(t => t["name"] = "retired");
        var delivery = await Kit.TemplateAsync(t => { t["name"] = "delivery"; t["kind"] = "DELIVERY"; });
        await Gateway.GraphQLAsync("mutation ($id: ID!) { retireCouponTemplate(input: { id: $id }) { errors { code } } }", new { id = retired }, Kit.AdminToken);
        var member = await Kit.Data.MemberAsync();
        await Kit.ClaimedAsync(soldOut, (await Kit.Data.MemberAsync()).Id);

        // when
        var forMember = Ids((await Gateway.GraphQLAsync(List, token: Kit.Data.MemberToken(member.Id))).OkData());
        var forAdmin = Ids((await Gateway.GraphQLAsync(List, token: Kit.AdminToken)).OkData());
        var forGuide = Ids((await Gateway.GraphQLAsync(List, token: Kit.Data.GuideToken(await Kit.Data.GuideAsync((await Kit.Data.StoreAsync()).Id)))).OkData());
        var deliveryOnly = Ids((await Gateway.GraphQLAsync(List, new { kind = "DELIVERY" }, Kit.AdminToken)).OkData());

        // then
        Assert.Equal([delivery, exchangeOnly, open], forMember);
        Assert.Equal([delivery, retired, ended, soldOut, guideOnly, exchangeOnly, open], forAdmin);
        Assert.Equal([delivery, ended, soldOut, guideOnly, exchangeOnly, open], forGuide);
        Assert.Equal([delivery], deliveryOnly);
    }

    [Fact]
    public async Task Template_pages_follow_the_cursor()
    {
        // given
        var ids = new List<string>();
        for (var i = 0; i < 5; i++)
        {
            ids.Add(await Kit.TemplateAsync(t => t["name"] = $"t{i}"));
        }

        const string page = "query ($after: String) { couponTemplates(first: 2, after: $after) { totalCount pageInfo { hasNextPage endCursor } edges { node { id } } } }";

        // when
        var first = (await Gateway.GraphQLAsync(page, new { after = (string?)null }, Kit.AdminToken)).OkData()["couponTemplates"]!;
        var second = (await Gateway.GraphQLAsync(page, new { after = first["pageInfo"]!.Str("endCursor") }, Kit.AdminToken)).OkData()["couponTemplates"]!;
        var tooBig = await Gateway.GraphQLAsync("{ couponTemplates(first: 101) { totalCount } }", token: Kit.AdminToken);

        // then
        Assert.Equal(5, first["totalCount"]!.GetValue<int>());
        Assert.Equal([ids[4], ids[3]], first["edges"]!.AsArray().Select(e => e!["node"]!.Str("id")));
        Assert.Equal([ids[2], ids[1]], second["edges"]!.AsArray().Select(e => e!["node"]!.Str("id")));
        Assert.True(second["pageInfo"]!["hasNextPage"]!.GetValue<bool>());
        Assert.Equal("PAGE_SIZE_EXCEEDED", tooBig.FirstErrorCode);
    }

    private async Task<JsonNode> DefineAsync(object input) =>
        (await Gateway.GraphQLAsync(CouponKit.Define, new { input }, Kit.AdminToken)).Payload("defineCouponTemplate");

    private static List<string> Ids(JsonNode data) =>
        data["couponTemplates"]!["edges"]!.AsArray().Select(e => e!["node"]!.Str("id")).ToList();
}

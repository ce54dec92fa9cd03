using MemberGraph.Auth;
using MemberGraph.Coupons;
using MemberGraph.Domain;
using MemberGraph.Tests.Infrastructure;

namespace MemberGraph.Tests.Coupons;

/// <summary>Who may run which coupon operation: every role against every operation (one gateway, data per case).</summary>
public sealed class CouponAuthorizationTests(GatewayFixture fixture) : IClassFixture<GatewayFixture>
{
    private static readonly string[] AllRoles = [Roles.Member, Roles.Guide, Roles.Staff, Roles.Partner, Roles.Admin, Roles.Ingestion];

    private static readonly Dictionary<string, string[]> Allowed = new()
    {
        ["defineCouponTemplate"] = [Roles.Admin],
        ["updateCouponTemplate"] = [Roles.Admin],
        ["retireCouponTemplate"] = [Roles.Admin],
        ["couponTemplates"] = [Roles.Member, Roles.Guide, Roles.Staff, Roles.Admin],
        ["claimCoupon"] = [Roles.Member],
        ["sendCoupon"] = [Roles.Guide],
        ["exchangePointsForCoupon"] = [Roles.Member],
        ["reserveCoupon"] = [Roles.Member, Roles.Staff, Roles.Admin],
        ["releaseCoupon"] = [Roles.Member, Roles.Staff, Roles.Admin],
        ["redeemCoupon"] = [Roles.Staff, Roles.Admin],
        ["recommendedCoupons"] = [Roles.Member],
        ["couponByCode"] = [Roles.Staff, Roles.Admin],
    };

    public static TheoryData<string, string, bool> Matrix()
    {
        var data = new TheoryData<string, string, bool>();
        foreach (var (operation, roles) in Allowed)
        {
            foreach (var role in AllRoles)
            {
                data.Add(operation, role, roles.Contains(role));
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Matrix))]
    public async Task Each_role_may_run_exactly_its_coupon_operations(string operation, string role, bool allowed)
    {
        // given
        var gateway = fixture.Gateway;
        var kit = new CouponKit(gateway);
        var store = await kit.Data.StoreAsync();
        var guide = await kit.Data.GuideAsync(store.Id);
        var member = await kit.Data.MemberAsync();
        await kit.Data.RelationshipAsync(member.Id, guide.Id);
        var templateId = await kit.TemplateAsync();
        var coupon = await kit.ClaimedAsync(templateId, member.Id);
        var token = role switch
        {
            Roles.Member => kit.Data.MemberToken(member.Id),
            Roles.Guide => kit.Data.GuideToken(guide),
            Roles.Staff => kit.Data.StaffToken(store.Id),
            Roles.Admin => kit.AdminToken,
            Roles.Partner => gateway.Token(new TokenSubject(Roles.Partner, PartnerId: 1)),
            _ => gateway.Token(new TokenSubject(role)),
        };
        var (document, variables) = Operation(operation, templateId, coupon.Str("id"), coupon.Str("code"), CouponKit.MemberId(member.Id));

        // when
        var response = await gateway.GraphQLAsync(document, variables, token);
        var anonymous = await gateway.GraphQLAsync(document, variables);

        // then
        if (allowed)
        {
            Assert.True(response.Errors is null || response.Errors.Count == 0, $"{role} should run {operation}: {response.Body}");
            Assert.NotNull(response.Data?[operation]);
        }
        else
        {
            Assert.Equal("AUTH_NOT_AUTHORIZED", response.FirstErrorCode);
        }

        Assert.Equal("AUTH_NOT_AUTHENTICATED", anonymous.FirstErrorCode);
    }

    /// <summary>
    /// Who may name the channel of a write-off: staff write off on their store's till (POS) only, so naming another
    /// channel is refused; admins name any. Each row: a coupon usable only on MINI_PROGRAM, who, what, the channel named.
    /// </summary>
    public static TheoryData<string, string, string?, string> ChannelWriteOffs() => new()
    {
        { Roles.Staff, "redeemCoupon", null, "COUPON_NOT_USABLE" },
        { Roles.Staff, "redeemCoupon", "POS", "COUPON_NOT_USABLE" },
        { Roles.Staff, "redeemCoupon", "MINI_PROGRAM", "AUTH_NOT_AUTHORIZED" },
        { Roles.Staff, "redeemCoupon", "TMALL", "AUTH_NOT_AUTHORIZED" },
        { Roles.Staff, "reserveCoupon", "MINI_PROGRAM", "AUTH_NOT_AUTHORIZED" },
        { Roles.Staff, "reserveCoupon", null, "COUPON_NOT_USABLE" },
        { Roles.Admin, "redeemCoupon", "MINI_PROGRAM", "REDEEMED" },
        { Roles.Admin, "reserveCoupon", "MINI_PROGRAM", "RESERVED" },
        { Roles.Member, "reserveCoupon", "MINI_PROGRAM", "RESERVED" },
    };

    [Theory]
    [MemberData(nameof(ChannelWriteOffs))]
    public async Task Staff_write_off_on_their_stores_channel_only(string role, string operation, string? channel, string expected)
    {
        // given: a 满100减15 coupon usable only on the mini-program, held by a member
        var gateway = fixture.Gateway;
        var kit = new CouponKit(gateway);
        var store = await kit.Data.StoreAsync();
        var member = await kit.Data.MemberAsync();
        var templateId = await kit.TemplateAsync(t => t["usableChannels"] = new[] { "MINI_PROGRAM" });
        var coupon = await kit.ClaimedAsync(templateId, member.Id);
        var token = role switch
        {
            Roles.Staff => kit.Data.StaffToken(store.Id),
            Roles.Admin => kit.AdminToken,
            _ => kit.Data.MemberToken(member.Id),
        };
        var input = new { code = coupon.Str("code"), orderRef = $"O-{TestData.Next()}", orderAmountCents = 20_000, channel };

        // when
        var response = await gateway.GraphQLAsync(operation == "redeemCoupon" ? CouponKit.Redeem : CouponKit.Reserve, new { input }, token);

        // then: a refusal leaves the coupon available, with no write-off or reservation on record
        var stored = (await kit.CouponsOfAsync(templateId)).Single();
        var audited = (await kit.AuditAsync(operation)).Count(a => a.Target == $"Coupon:{stored.Id}");
        if (expected is "REDEEMED" or "RESERVED")
        {
            Assert.Equal(expected, response.Payload(operation)["coupon"]!.Str("status"));
            Assert.Equal(1, audited);
            return;
        }

        Assert.Equal(expected, expected == "AUTH_NOT_AUTHORIZED" ? response.FirstErrorCode : response.Payload(operation).ErrorCode());
        Assert.Equal((CouponStatus.Available, 0), (stored.Status, audited));
        Assert.Null(stored.RedeemedAt);
    }

    private const string CouponNode = "query ($id: ID!) { node(id: $id) { ... on Coupon { code } } }";

    /// <summary>
    /// Staff refetch a coupon by its (sequential) node id only when their store wrote it off or serves its holder (the
    /// holder's exclusive guide works there, or they bought there within Guides:StoreAssignmentWindowDays); anything else,
    /// an unknown id included, is AUTH_NOT_AUTHORIZED. Each row: a store whose staff may, and one whose staff may not.
    /// </summary>
    [Theory]
    [InlineData("exclusive customer of the store, asked by another store")]
    [InlineData("bought at the store last week, asked by a store of a purchase 200 days ago")]
    [InlineData("written off at the store, asked by another store")]
    [InlineData("an unknown id, asked by the store and by the holder's guide and the holder")]
    public async Task Staff_refetch_a_coupon_by_node_id_only_from_a_store_that_serves_its_holder_or_wrote_it_off(string situation)
    {
        // given
        var gateway = fixture.Gateway;
        var kit = new CouponKit(gateway);
        var (store, other) = ((await kit.Data.StoreAsync()).Id, (await kit.Data.StoreAsync()).Id);
        var guide = await kit.Data.GuideAsync(store);
        var holder = await kit.Data.MemberAsync();
        var coupon = await kit.ClaimedAsync(await kit.TemplateAsync(), holder.Id);
        var id = coupon.Str("id");
        var refusedTokens = new List<string> { kit.Data.StaffToken(other) };
        switch (situation[..situation.IndexOf(',')])
        {
            case "exclusive customer of the store":
                await kit.Data.RelationshipAsync(holder.Id, guide.Id);
                break;
            case "bought at the store last week":
                await kit.Data.OrderAsync(holder.Id, store, DateTime.UtcNow.AddDays(-7));
                await kit.Data.OrderAsync(holder.Id, other, DateTime.UtcNow.AddDays(-200));
                break;
            case "written off at the store":
                Assert.Equal("REDEEMED", (await kit.RedeemAsync(coupon.Str("code"), 20_000, $"POS-{TestData.Next()}", kit.Data.StaffToken(store)))
                    .Payload("redeemCoupon")["coupon"]!.Str("status"));
                break;
            default:
                await kit.Data.RelationshipAsync(holder.Id, guide.Id);
                id = GlobalId.Encode("Coupon", 987_654_321);
                refusedTokens = [kit.Data.StaffToken(store), kit.Data.GuideToken(guide), kit.Data.MemberToken(holder.Id)];
                break;
        }

        // when
        var allowed = await gateway.GraphQLAsync(CouponNode, new { id }, kit.Data.StaffToken(store));
        var refused = new List<GraphQLResponse>();
        foreach (var token in refusedTokens)
        {
            refused.Add(await gateway.GraphQLAsync(CouponNode, new { id }, token));
        }

        // then: the store that may sees the full code; the others get a refusal and no coupon
        if (id == coupon.Str("id"))
        {
            Assert.Equal(coupon.Str("code"), allowed.OkData()["node"]!.Str("code"));
        }

        Assert.All(refused, r => Assert.True(r.FirstErrorCode == "AUTH_NOT_AUTHORIZED" && r.Data?["node"] is null, r.Body));
    }

    /// <summary>
    /// What staff see of a coupon's holder: who member(id:) lets them read, or who showed them a code in the same
    /// request (couponByCode, memberByCode). A coupon staff may open by id for another reason (written off at their
    /// store, a recent buyer's) does not name its holder.
    /// </summary>
    [Theory]
    [InlineData("written off at the store")]
    [InlineData("bought at the store last week")]
    public async Task Staff_learn_a_coupons_holder_only_as_member_by_id_allows_or_from_a_code_shown_at_the_till(string situation)
    {
        // given: a holder with no relationship to the store
        var gateway = fixture.Gateway;
        var kit = new CouponKit(gateway);
        var store = (await kit.Data.StoreAsync()).Id;
        var staff = kit.Data.StaffToken(store);
        var holder = await kit.Data.MemberAsync();
        var coupon = await kit.ClaimedAsync(await kit.TemplateAsync(), holder.Id);
        if (situation == "written off at the store")
        {
            await kit.RedeemAsync(coupon.Str("code"), 20_000, $"POS-{TestData.Next()}", staff);
        }
        else
        {
            await kit.Data.OrderAsync(holder.Id, store, DateTime.UtcNow.AddDays(-7));
        }

        var memberCode = (await gateway.GraphQLAsync("{ me { memberCode { code } } }", token: kit.Data.MemberToken(holder.Id))).OkData()["me"]!["memberCode"]!.Str("code");

        // when
        var byId = await gateway.GraphQLAsync("query ($id: ID!) { node(id: $id) { ... on Coupon { code member { id displayName } } } }", new { id = coupon.Str("id") }, staff);
        var byCode = await gateway.GraphQLAsync("query ($code: String!) { couponByCode(code: $code) { member { id } } }", new { code = coupon.Str("code") }, staff);
        var byMemberCode = await gateway.GraphQLAsync("query ($code: String!) { memberByCode(code: $code) { coupons { edges { node { member { id } } } } } }",
            new { code = memberCode }, staff);

        // then: the coupon, but not its holder, by id; the holder wherever the member showed a code
        var holderId = CouponKit.MemberId(holder.Id);
        Assert.Equal(coupon.Str("code"), byId.Data?["node"]?.Str("code"));
        Assert.Equal("AUTH_NOT_AUTHORIZED", byId.FirstErrorCode);
        Assert.Null(byId.Data?["node"]?["member"]);
        Assert.Equal(holderId, byCode.OkData()["couponByCode"]!["member"]!.Str("id"));
        Assert.Equal(holderId, byMemberCode.OkData()["memberByCode"]!["coupons"]!["edges"]![0]!["node"]!["member"]!.Str("id"));
    }

    /// <summary>
    /// reserveCoupon and releaseCoupon take a couponId as well as a code: by id staff reach exactly the coupons node(id:)
    /// gives them, else the payload would hand another store the full code to write off. A refusal changes nothing.
    /// </summary>
    [Theory]
    [InlineData("reserveCoupon", "of a member another store serves")]
    [InlineData("releaseCoupon", "of a member another store serves")]
    [InlineData("reserveCoupon", "unknown")]
    [InlineData("releaseCoupon", "unknown")]
    public async Task Staff_reserve_and_release_by_coupon_id_only_coupons_they_may_refetch(string operation, string coupon)
    {
        // given: a coupon of store A's exclusive customer, reserved by the member for their mini-program order
        var gateway = fixture.Gateway;
        var kit = new CouponKit(gateway);
        var storeA = (await kit.Data.StoreAsync()).Id;
        var storeB = (await kit.Data.StoreAsync()).Id;
        var holder = await kit.Data.MemberAsync();
        await kit.Data.RelationshipAsync(holder.Id, (await kit.Data.GuideAsync(storeA)).Id);
        var templateId = await kit.TemplateAsync();
        var claimed = await kit.ClaimedAsync(templateId, holder.Id);
        var reserved = (await gateway.GraphQLAsync(CouponKit.Reserve, new { input = new { couponId = claimed.Str("id"), orderRef = "MP-1" } }, kit.Data.MemberToken(holder.Id)))
            .Payload("reserveCoupon")["coupon"]!;
        var couponId = coupon == "unknown" ? GlobalId.Encode("Coupon", 987_654_321) : claimed.Str("id");
        var input = operation == "reserveCoupon" ? (object)new { couponId, orderRef = "POS-1", orderAmountCents = 20_000 } : new { couponId, orderRef = "MP-1" };

        // when: staff of store B
        var response = await gateway.GraphQLAsync(operation == "reserveCoupon" ? CouponKit.Reserve : CouponKit.Release, new { input }, kit.Data.StaffToken(storeB));

        // then
        var stored = (await kit.CouponsOfAsync(templateId)).Single();
        Assert.Equal("RESERVED", reserved.Str("status"));
        Assert.True(response.FirstErrorCode == "AUTH_NOT_AUTHORIZED" && response.Data?[operation] is null, response.Body);
        Assert.Equal((CouponStatus.Reserved, "MP-1"), (stored.Status, stored.ReservedForOrderRef));
        Assert.DoesNotContain(await kit.AuditAsync(operation), a => a.Target == $"Coupon:{stored.Id}" && a.Role == Roles.Staff);
    }

    /// <summary>
    /// node(id:) for templates has the rules of couponTemplates: a member sees what they can get now, guides and staff the
    /// active ones; a retired, send-only or unknown template is AUTH_NOT_AUTHORIZED. A member holding a coupon of a
    /// retired template may still refetch it, and admins see every template.
    /// </summary>
    [Theory]
    [InlineData(Roles.Member, "retired")]
    [InlineData(Roles.Member, "send-only")]
    [InlineData(Roles.Member, "unknown")]
    [InlineData(Roles.Guide, "retired")]
    [InlineData(Roles.Staff, "retired")]
    [InlineData(Roles.Partner, "unknown")]
    public async Task Coupon_templates_refetch_by_node_id_with_the_rules_of_their_list(string role, string state)
    {
        // given
        var gateway = fixture.Gateway;
        var kit = new CouponKit(gateway);
        var store = await kit.Data.StoreAsync();
        var guide = await kit.Data.GuideAsync(store.Id);
        var member = await kit.Data.MemberAsync();
        var holder = await kit.Data.MemberAsync();
        var templateId = await kit.TemplateAsync(t => t["claimable"] = state != "send-only");
        if (state == "retired")
        {
            await kit.ClaimedAsync(templateId, holder.Id);
            var retired = await gateway.GraphQLAsync("mutation ($id: ID!) { retireCouponTemplate(input: { id: $id }) { errors { code } } }", new { id = templateId }, kit.AdminToken);
            Assert.Empty(retired.Payload("retireCouponTemplate")["errors"]!.AsArray());
        }

        var id = state == "unknown" ? GlobalId.Encode("CouponTemplate", 987_654_321) : templateId;
        var token = role switch
        {
            Roles.Member => kit.Data.MemberToken(member.Id),
            Roles.Guide => kit.Data.GuideToken(guide),
            Roles.Staff => kit.Data.StaffToken(store.Id),
            _ => gateway.Token(new TokenSubject(Roles.Partner, PartnerId: 1)),
        };
        const string query = "query ($id: ID!) { node(id: $id) { ... on CouponTemplate { id status } } }";

        // when
        var response = await gateway.GraphQLAsync(query, new { id }, token);
        var asHolder = await gateway.GraphQLAsync(query, new { id }, kit.Data.MemberToken(holder.Id));
        var asAdmin = await gateway.GraphQLAsync(query, new { id }, kit.AdminToken);

        // then
        Assert.True(response.FirstErrorCode == "AUTH_NOT_AUTHORIZED" && response.Data?["node"] is null, response.Body);
        if (state == "retired")
        {
            Assert.Equal("RETIRED", asHolder.OkData()["node"]!.Str("status"));
        }

        Assert.Equal(state == "unknown" ? null : templateId, asAdmin.OkData()["node"]?.Str("id"));
    }

    private static (string Document, object Variables) Operation(string operation, string templateId, string couponId, string code, string memberId) => operation switch
    {
        "defineCouponTemplate" => (CouponKit.Define, new { input = new { name = "x", kind = "IN_STORE", value = new { amountOffCents = 100 }, validity = new { daysAfterIssue = 1 }, totalStock = 1 } }),
        "updateCouponTemplate" => ("mutation ($id: ID!) { updateCouponTemplate(input: { id: $id, name: \"y\" }) { errors { code } } }", new { id = templateId }),
        "retireCouponTemplate" => ("mutation ($id: ID!) { retireCouponTemplate(input: { id: $id }) { errors { code } } }", new { id = templateId }),
        "couponTemplates" => ("{ couponTemplates { edges { node { id } } } }", new { }),
        "claimCoupon" => (CouponKit.Claim, new { templateId }),
        "sendCoupon" => (CouponKit.Send, new { templateId, memberId }),
        "exchangePointsForCoupon" => (CouponKit.Exchange, new { templateId, key = "k" }),
        "reserveCoupon" => (CouponKit.Reserve, new { input = new { couponId, orderRef = "O-1" } }),
        "releaseCoupon" => (CouponKit.Release, new { input = new { couponId, orderRef = "O-1" } }),
        "redeemCoupon" => (CouponKit.Redeem, new { input = new { code, orderAmountCents = 20000, orderRef = "O-1" } }),
        "recommendedCoupons" => ("{ recommendedCoupons(context: { location: { latitude: 31.23, longitude: 121.47 }, weather: RAIN }) { scene } }", new { }),
        "couponByCode" => ("query ($code: String!) { couponByCode(code: $code) { id } }", new { code }),
        _ => throw new ArgumentOutOfRangeException(nameof(operation)),
    };
}

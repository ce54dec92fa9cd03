using MemberGraph.Auth;
using MemberGraph.Coupons;
using MemberGraph.Tests.Infrastructure;

namespace MemberGraph.Tests.Coupons;

public sealed class CouponGatewayFixture : IAsyncLifetime
{
    public GatewayHost Gateway { get; private set; } = null!;

    public async Task InitializeAsync() => Gateway = await GatewayHost.StartAsync();

    public async Task DisposeAsync() => await Gateway.DisposeAsync();
}

/// <summary>Who may run which coupon operation: every role against every operation (one gateway, data per case).</summary>
public sealed class CouponAuthorizationTests(CouponGatewayFixture fixture) : IClassFixture<CouponGatewayFixture>
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

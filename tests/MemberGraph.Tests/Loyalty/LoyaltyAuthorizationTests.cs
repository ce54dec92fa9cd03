using MemberGraph.Auth;
using MemberGraph.Domain;
using MemberGraph.GraphQL;
using MemberGraph.Tests.Infrastructure;

namespace MemberGraph.Tests.Loyalty;

/// <summary>Who may record and refund orders, spend points and run the loyalty steps.</summary>
public sealed class LoyaltyAuthorizationTests(GatewayFixture fixture) : IClassFixture<GatewayFixture>
{
    private const string Ok = "ok";
    private readonly GatewayHost _gateway = fixture.Gateway;
    private readonly LoyaltyApi _api = new(fixture.Gateway);

    public static TheoryData<string, string> OrderWriters => new()
    {
        { "anonymous", ErrorCodes.NotAuthenticated },
        { "member", ErrorCodes.NotAuthorized },
        { "guide", ErrorCodes.NotAuthorized },
        { "partner", ErrorCodes.NotAuthorized },
        { "staff-own-store", Ok },
        { "staff-other-store", ErrorCodes.NotAuthorized },
        { "ingestion", Ok },
        { "admin", Ok },
    };

    public static TheoryData<string, string> PointsSpenders => new()
    {
        { "anonymous", ErrorCodes.NotAuthenticated },
        { "member", Ok },
        { "other-member", ErrorCodes.NotAuthorized },
        { "guide", ErrorCodes.NotAuthorized },
        { "partner", ErrorCodes.NotAuthorized },
        { "staff-own-store", ErrorCodes.NotAuthorized },
        { "ingestion", ErrorCodes.NotAuthorized },
        { "admin", Ok },
    };

    public static TheoryData<string, string> StepRunners => new()
    {
        { "anonymous", ErrorCodes.NotAuthenticated },
        { "member", ErrorCodes.NotAuthorized },
        { "guide", ErrorCodes.NotAuthorized },
        { "staff-own-store", ErrorCodes.NotAuthorized },
        { "ingestion", ErrorCodes.NotAuthorized },
        { "admin", Ok },
    };

    [Theory]
    [MemberData(nameof(OrderWriters))]
    public async Task Recording_an_order(string who, string expected)
    {
        // given
        var (store, tokens) = await ActorsAsync();
        var n = TestData.Next();
        var input = LoyaltyApi.Order($"AUTH-{n}", $"CARD-AUTH-{n}", 1_000, storeId: GlobalId.Encode("Store", store));

        // when
        var response = await _gateway.GraphQLAsync(LoyaltyApi.RecordOrderDocument(LoyaltyApi.OrderReadBack), new { input }, tokens(who));

        // then
        Assert.Equal(expected, Result(response, "recordOrder"));
    }

    [Theory]
    [MemberData(nameof(OrderWriters))]
    public async Task Refunding_an_order(string who, string expected)
    {
        // given
        var (store, tokens) = await ActorsAsync();
        var n = TestData.Next();
        var order = await _api.RecordOkAsync(LoyaltyApi.Order($"AUTH-R{n}", $"CARD-AUTH-R{n}", 1_000, storeId: GlobalId.Encode("Store", store)));

        // when
        var response = await _gateway.GraphQLAsync(LoyaltyApi.RefundOrderMutation, new { input = new { orderId = order["id"]!.GetValue<string>(), refundId = "R" } }, tokens(who));

        // then
        Assert.Equal(expected, Result(response, "refundOrder"));
        Assert.Equal(expected == Ok ? 1 : 0, await _api.AuditCountAsync("refundOrder", $"Order:{LoyaltyApi.OrderKey(order)}"));
    }

    [Theory]
    [MemberData(nameof(PointsSpenders))]
    public async Task Spending_a_members_points(string who, string expected)
    {
        // given
        var (_, tokens) = await ActorsAsync();
        var n = TestData.Next();
        var order = await _api.RecordOkAsync(LoyaltyApi.Order($"AUTH-P{n}", $"CARD-AUTH-P{n}", 10_000, paidAt: DateTime.UtcNow.AddDays(-30)));
        var memberId = LoyaltyApi.MemberKey(order);
        var token = who == "member" ? new TestData(_gateway).MemberToken(memberId) : tokens(who);

        // when
        var response = await _gateway.GraphQLAsync(LoyaltyApi.RedeemMutation,
            new { input = new { amount = 10, reason = "auth", idempotencyKey = $"auth-{n}", memberId = GlobalId.Encode("Member", memberId) } }, token);

        // then
        Assert.Equal(expected, Result(response, "redeemPoints"));
        Assert.Equal(expected == Ok ? 90 : 100, (await _api.TotalsAsync(memberId)).Consistent());
    }

    [Fact]
    public async Task An_admin_must_name_the_member()
    {
        var response = await _gateway.GraphQLAsync(LoyaltyApi.RedeemMutation,
            new { input = new { amount = 10, reason = "auth", idempotencyKey = "no-member" } }, new TestData(_gateway).AdminToken());

        Assert.Equal("INVALID_INPUT", response.OkData()["redeemPoints"]!["errors"]![0]!["code"]!.GetValue<string>());
    }

    [Theory]
    [MemberData(nameof(StepRunners))]
    public async Task Running_the_loyalty_steps(string who, string expected)
    {
        // given
        var (_, tokens) = await ActorsAsync();

        // when
        var release = await _gateway.GraphQLAsync("mutation { releasePendingPoints(input: {}) { processed } }", token: tokens(who));
        var expire = await _gateway.GraphQLAsync("mutation { expirePoints(input: {}) { processed } }", token: tokens(who));
        var recompute = await _gateway.GraphQLAsync("mutation { recomputeTiers(input: {}) { changed } }", token: tokens(who));

        // then
        Assert.Equal(expected, Result(release, "releasePendingPoints"));
        Assert.Equal(expected, Result(expire, "expirePoints"));
        Assert.Equal(expected, Result(recompute, "recomputeTiers"));
    }

    private static string Result(GraphQLResponse response, string field)
    {
        if (response.FirstErrorCode is { } code)
        {
            Assert.True(response.Data?[field] is null, response.Body);
            return code;
        }

        var errors = response.OkData()[field]!["errors"]?.AsArray();
        Assert.True(errors is null || errors.Count == 0, response.Body);
        return Ok;
    }

    /// <summary>A store and a token per kind of caller (staff of that store, staff of another, ...).</summary>
    private async Task<(long Store, Func<string, string?> Tokens)> ActorsAsync()
    {
        var data = new TestData(_gateway);
        var store = await data.StoreAsync();
        var otherStore = await data.StoreAsync();
        var guide = await data.GuideAsync(store.Id);
        var member = await data.MemberAsync(phone: $"135{TestData.Next():00000000}");
        var tokens = new Dictionary<string, string?>
        {
            ["anonymous"] = null,
            ["member"] = data.MemberToken(member.Id),
            ["other-member"] = data.MemberToken(member.Id),
            ["guide"] = data.GuideToken(guide),
            ["partner"] = _gateway.Token(new TokenSubject(Roles.Partner, PartnerId: 1)),
            ["staff-own-store"] = data.StaffToken(store.Id),
            ["staff-other-store"] = data.StaffToken(otherStore.Id),
            ["ingestion"] = _gateway.Token(new TokenSubject(Roles.Ingestion)),
            ["admin"] = data.AdminToken(),
        };
        return (store.Id, who => tokens[who]);
    }
}

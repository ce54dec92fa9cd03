using MemberGraph.Auth;
using MemberGraph.Domain;
using MemberGraph.GraphQL.Relay;
using MemberGraph.Members;
using MemberGraph.Tests.Coupons;
using MemberGraph.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace MemberGraph.Tests.Orders;

/// <summary>
/// The <c>ingestion</c> role (channel integrations) is write-only: it records and refunds orders of the channels in its
/// scope and reads back what it wrote (the order, its lines, refunds and points), never anything of the buyer.
/// Every refusal is AUTH_NOT_AUTHORIZED, and a refused document changes nothing.
/// </summary>
public sealed class IngestionAuthorizationTests(GatewayFixture fixture) : IClassFixture<GatewayFixture>
{
    private const string Runs = "runs";
    private const string NotAuthorized = "AUTH_NOT_AUTHORIZED";

    private readonly GatewayHost _gateway = fixture.Gateway;
    private readonly LoyaltyApi _api = new(fixture.Gateway);

    /// <summary>What an (unscoped) ingestion token asks to read, and the answer.</summary>
    public static TheoryData<string, string> Reads => new()
    {
        { "recordOrder: what it recorded", Runs },
        { "recordOrder: the buyer's id", NotAuthorized },
        { "recordOrder: the buyer's profile", NotAuthorized },
        { "refundOrder: what it refunded", Runs },
        { "refundOrder: the buyer's points", NotAuthorized },
        { "node(Order): what it recorded", Runs },
        { "node(Order): the buyer's profile", NotAuthorized },
        { "node(Member)", NotAuthorized },
        { "node(Coupon) of the buyer", NotAuthorized },
        { "member(id:)", NotAuthorized },
        { "members", NotAuthorized },
    };

    [Theory]
    [MemberData(nameof(Reads))]
    public async Task An_ingestion_token_reads_back_what_it_wrote_and_nothing_of_the_buyer(string read, string expected)
    {
        // given: a buyer with a name, phone, birthday, marketplace identity, points and a coupon; their TMALL order
        var n = TestData.Next();
        var buyer = await BuyerAsync(n);
        var order = await _api.RecordOkAsync(TmallOrder($"TM-{n}", n), _api.OperatorToken());
        var coupon = await new CouponKit(_gateway).ClaimedAsync(await new CouponKit(_gateway).TemplateAsync(), buyer.Id);
        var (orderId, memberId) = (order["id"]!.GetValue<string>(), GlobalId.Encode("Member", buyer.Id));
        var record = new { input = TmallOrder($"TM-{n}-2", n) };
        var refund = new { input = new { orderId, refundId = $"R-{n}", amountCents = 100 } };
        var (document, variables) = read switch
        {
            "recordOrder: what it recorded" => (RecordOrder("id channelOrderId status pointsEarned lines { lineNumber points }"), (object)record),
            "recordOrder: the buyer's id" => (RecordOrder("id member { id }"), record),
            "recordOrder: the buyer's profile" => (RecordOrder("id member { displayName phone birthday identities { externalId } points { balance } }"), record),
            "refundOrder: what it refunded" => (RefundOrder("order { id status refundedAmountCents } refund { amountCents pointsCancelled pointsDeducted }"), refund),
            "refundOrder: the buyer's points" => (RefundOrder("order { id member { points { balance } } }"), refund),
            "node(Order): what it recorded" => ("query($id: ID!) { node(id: $id) { id ... on Order { status pointsEarned refunds { amountCents } } } }", new { id = orderId }),
            "node(Order): the buyer's profile" => ("query($id: ID!) { node(id: $id) { ... on Order { member { displayName birthday phone identities { externalId } points { balance } } } } }",
                new { id = orderId }),
            "node(Member)" => ("query($id: ID!) { node(id: $id) { id } }", new { id = memberId }),
            "node(Coupon) of the buyer" => ("query($id: ID!) { node(id: $id) { id } }", new { id = coupon.Str("id") }),
            "member(id:)" => ("query($id: ID!) { member(id: $id) { displayName } }", new { id = memberId }),
            _ => ("{ members(first: 10) { edges { node { displayName } } } }", new { }),
        };

        // when
        var response = await _gateway.GraphQLAsync(document, variables, _api.IngestionToken());

        // then: nothing of the buyer in the answer; a refused document recorded and refunded nothing
        Assert.DoesNotContain(buyer.DisplayName, response.Body);
        Assert.DoesNotContain(PhoneOf(n), response.Body);
        Assert.DoesNotContain(Masking.Phone(PhoneOf(n))!, response.Body);
        Assert.DoesNotContain(memberId, response.Body);
        await using var db = _gateway.Db();
        var recorded = await db.Orders.CountAsync(o => o.ChannelOrderId == $"TM-{n}-2");
        var refunded = await db.Orders.Where(o => o.ChannelOrderId == $"TM-{n}").Select(o => o.RefundedAmountCents).SingleAsync();
        if (expected == Runs)
        {
            Assert.True(response.Errors is null || response.Errors.Count == 0, response.Body);
        }
        else
        {
            Assert.Equal(expected, response.FirstErrorCode);
            Assert.Equal((0, 0L), (recorded, refunded));
        }
    }

    [Fact]
    public async Task Node_refuses_an_ingestion_token_every_type_but_orders()
    {
        // given: one object of each node type (a made-up key for types without one here: refused before any lookup)
        var data = new TestData(_gateway);
        var kit = new CouponKit(_gateway);
        var store = await data.StoreAsync();
        var guide = await data.GuideAsync(store.Id);
        var member = await data.MemberAsync(phone: $"139{TestData.Next():00000000}");
        var templateId = await kit.TemplateAsync();
        var coupon = await kit.ClaimedAsync(templateId, member.Id);
        var ids = new Dictionary<string, string>
        {
            ["Store"] = GlobalId.Encode("Store", store.Id),
            ["Guide"] = GlobalId.Encode("Guide", guide.Id),
            ["Member"] = GlobalId.Encode("Member", member.Id),
            ["CouponTemplate"] = templateId,
            ["Coupon"] = coupon.Str("id"),
        };
        var types = _gateway.Services.GetServices<INodeResolver>().Select(r => r.TypeName).Where(t => t != "Order").ToList();
        Assert.Contains("Store", types);

        foreach (var type in types)
        {
            // when
            var response = await _gateway.GraphQLAsync("query($id: ID!) { node(id: $id) { id } }",
                new { id = ids.GetValueOrDefault(type) ?? GlobalId.Encode(type, 1) }, _api.IngestionToken());

            // then
            Assert.True(response.FirstErrorCode == NotAuthorized, $"node({type}) as ingestion: {response.Body}");
        }
    }

    /// <summary>A token scoped to channels, what it does, the channel of the order, and the answer.</summary>
    public static TheoryData<string, string, string, string> ChannelScopes => new()
    {
        { "channel:TMALL channel:JD", "record", "TMALL", Runs },
        { "channel:TMALL channel:JD", "record", "JD", Runs },
        { "channel:TMALL channel:JD", "record", "POS", NotAuthorized },
        { "channel:TMALL channel:JD", "replay", "POS", NotAuthorized },
        { "channel:TMALL channel:JD", "refund by order id", "TMALL", Runs },
        { "channel:TMALL channel:JD", "refund by order id", "POS", NotAuthorized },
        { "channel:TMALL channel:JD", "refund by channel order id", "POS", NotAuthorized },
        { "channel:TMALL channel:JD", "read back", "TMALL", Runs },
        { "channel:TMALL channel:JD", "read back", "POS", NotAuthorized },
        { "channel:AMAZON", "record", "TMALL", NotAuthorized },
        { "", "record", "POS", Runs },
        { "", "refund by order id", "MEITUAN", Runs },
    };

    [Theory]
    [MemberData(nameof(ChannelScopes))]
    public async Task An_ingestion_token_bound_to_channels_writes_and_reads_only_their_orders(string scope, string action, string channel, string expected)
    {
        // given: a buyer with 20 available points from an order of that channel an operator recorded a month ago
        var n = TestData.Next();
        var card = $"CARD-SCOPE-{n}";
        var existing = LoyaltyApi.Order($"{channel}-{n}", card, 2_000, channel: channel, paidAt: DateTime.UtcNow.AddDays(-30));
        var order = await _api.RecordOkAsync(existing, _api.OperatorToken());
        var buyer = LoyaltyApi.MemberKey(order);
        await _gateway.GraphQLAsync("mutation { releasePendingPoints(input: {}) { processed } }", token: _api.OperatorToken());
        var token = _gateway.Token(new TokenSubject(Roles.Ingestion, Scope: scope));
        var refundId = $"R-{n}";

        // when
        var response = action switch
        {
            "record" => await _api.RecordAsync(LoyaltyApi.Order($"{channel}-{n}-new", card, 1_000, channel: channel), token, ReadBack),
            "replay" => await _api.RecordAsync(existing, token, ReadBack),
            "refund by order id" => await _api.RefundAsync(new { orderId = order["id"]!.GetValue<string>(), refundId, amountCents = 1_000 }, token),
            "refund by channel order id" => await _api.RefundAsync(new { channel, channelOrderId = $"{channel}-{n}", refundId, amountCents = 1_000 }, token),
            _ => await _gateway.GraphQLAsync("query($id: ID!) { node(id: $id) { id ... on Order { status } } }", new { id = order["id"]!.GetValue<string>() }, token),
        };

        // then: a refusal recorded nothing, refunded nothing and left the buyer's points as they were
        await using var db = _gateway.Db();
        var orders = await db.Orders.AsNoTracking().Where(o => o.ChannelOrderId.StartsWith($"{channel}-{n}")).ToListAsync();
        var balance = (await _api.TotalsAsync(buyer)).Consistent();
        if (expected == Runs)
        {
            Assert.True(response.Errors is null || response.Errors.Count == 0, response.Body);
            Assert.DoesNotContain("\"code\"", response.Body);
        }
        else
        {
            Assert.Equal(expected, response.FirstErrorCode);
            Assert.Single(orders);
            Assert.Equal(0, orders[0].RefundedAmountCents);
            Assert.Equal(20, balance);
        }
    }

    private const string ReadBack = "id channel status pointsEarned";

    private static string RecordOrder(string order) =>
        $$"""mutation($input: RecordOrderInput!) { recordOrder(input: $input) { order { {{order}} } errors { code } } }""";

    private static string RefundOrder(string selection) =>
        $$"""mutation($input: RefundOrderInput!) { refundOrder(input: $input) { {{selection}} errors { code } } }""";

    private static string PhoneOf(int n) => $"138{n % 10_000:0000}5678";

    private static Dictionary<string, object?> TmallOrder(string channelOrderId, int n) =>
        LoyaltyApi.Order(channelOrderId, "", 5_000, channel: "TMALL", identities: [new { channel = "TMALL_OUID", externalId = $"ouid-{n}" }]);

    private async Task<Member> BuyerAsync(int n)
    {
        var buyer = await new TestData(_gateway).MemberAsync(PhoneOf(n), null, (IdentityChannel.TmallOuid, $"ouid-{n}"));
        await using var db = _gateway.Db();
        await db.Members.Where(m => m.Id == buyer.Id).ExecuteUpdateAsync(s => s.SetProperty(m => m.Birthday, new DateOnly(1990, 7, 23)));
        return buyer;
    }
}

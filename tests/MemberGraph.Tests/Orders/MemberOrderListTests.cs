using MemberGraph.Domain;
using MemberGraph.Orders;
using MemberGraph.Tests.Infrastructure;

namespace MemberGraph.Tests.Orders;

/// <summary>
/// <c>Member.orders(where:, order:)</c>: the mini-program's order history and the card's recent orders — by channel, status,
/// when paid and amount, sorted across pages, one statement a page whether it is one member's list or a whole level's.
/// </summary>
public sealed class MemberOrderListTests(GatewayFixture fixture) : IClassFixture<GatewayFixture>
{
    private const string MyOrders = """
        query ($where: OrderFilter, $order: [OrderSort!], $first: Int, $after: String) {
          me { orders(where: $where, order: $order, first: $first, after: $after) { pageInfo { hasNextPage endCursor } edges { node { id } } } }
        }
        """;

    private GatewayHost Gateway { get; } = fixture.Gateway;

    [Fact]
    public async Task Conditions_pick_orders_by_channel_status_time_and_amount()
    {
        // given
        var buyer = await BuyerAsync();

        // when / then (newest order first)
        Assert.Equal(buyer.Names("o3", "o2"), await NamesAsync(buyer, new { channel = new { @in = new[] { "TMALL", "JD" } } }));
        Assert.Equal(buyer.Names("o5"), await NamesAsync(buyer, new { status = new { eq = "FULLY_REFUNDED" } }));
        Assert.Equal(buyer.Names("o3", "o2"), await NamesAsync(buyer, new { paidAt = new { gte = "2026-01-05T00:00:00Z", lt = "2026-01-09T00:00:00Z" } }));
        Assert.Equal(buyer.Names("o5", "o3", "o2"), await NamesAsync(buyer, new { paidAmountCents = new { gte = 2000 } }));
        Assert.Equal(buyer.Names("o4"), await NamesAsync(buyer, new { channel = new { eq = "POS" }, paidAmountCents = new { lt = 800 } }));
    }

    [Theory]
    [InlineData("[{\"paidAmountCents\":\"DESC\"}]", "o3 o2 o5 o1 o4")] // 3000 ×2 (tie: newest first), 2000, 1000, 500
    [InlineData("[{\"paidAt\":\"ASC\"}]", "o1 o2 o3 o4 o5")] // Jan 1, Jan 5 ×2 (tie: oldest first), Jan 9 ×2
    [InlineData("[{\"paidAt\":\"DESC\"},{\"paidAmountCents\":\"ASC\"}]", "o4 o5 o2 o3 o1")] // Jan 9 by amount; Jan 5 3000 ×2 by id
    public async Task Sorted_pages_hold_every_order_once_in_order(string order, string expected)
    {
        // given
        var buyer = await BuyerAsync();
        var sort = System.Text.Json.JsonSerializer.Deserialize<List<Dictionary<string, string>>>(order);

        // when
        var paged = await ListPages.WalkAsync(Gateway, MyOrders, after => new { order = sort, first = 2, after }, buyer.Token,
            d => d["me"]!["orders"]!, n => n["id"]!.GetValue<string>());

        // then
        Assert.Equal(buyer.Names(expected.Split(' ')), paged.Select(buyer.NameOf));
    }

    [Fact]
    public async Task A_page_is_one_statement_for_one_member_and_for_a_whole_level_of_members()
    {
        // given: a buyer, and two stores of customers with orders (three and six members)
        var buyer = await BuyerAsync();
        var (small, large) = (await StoreOfBuyersAsync(3), await StoreOfBuyersAsync(6));
        var variables = new { where = new { channel = new { @in = new[] { "POS", "TMALL" } } }, order = new[] { new { paidAt = "DESC" } }, first = 2 };
        const string level = """
            query ($store: ID) { members(where: { storeId: $store }, first: 10) { edges { node {
              orders(where: { channel: { eq: POS } }, order: [{ paidAmountCents: DESC }], first: 2) { totalCount edges { node { paidAmountCents } } } } } } }
            """;

        // when
        var baseline = await ListPages.StatementsAsync(Gateway, "{ me { id } }", null, buyer.Token);
        var first = await ListPages.StatementsAsync(Gateway, MyOrders, variables, buyer.Token);
        var cursor = await ListPages.EndCursorAsync(Gateway, MyOrders, variables, buyer.Token, d => d["me"]!["orders"]!);
        var second = await ListPages.StatementsAsync(Gateway, MyOrders, new { variables.where, variables.order, variables.first, after = cursor }, buyer.Token);
        var three = await ListPages.StatementsAsync(Gateway, level, new { store = small.Store }, small.Token);
        var six = await ListPages.StatementsAsync(Gateway, level, new { store = large.Store }, large.Token);
        var pages = (await Gateway.GraphQLAsync(level, new { store = large.Store }, large.Token)).OkData()["members"]!["edges"]!.AsArray();

        // then: the member, then one statement a page; the members' page, then one statement for all their orders (counts included)
        Assert.Equal(baseline + 1, first);
        Assert.Equal(baseline + 1, second);
        Assert.Equal(2, three);
        Assert.Equal(2, six);
        Assert.All(pages, p =>
        {
            var orders = p!["node"]!["orders"]!;
            Assert.Equal(3, orders["totalCount"]!.GetValue<int>());
            Assert.Equal([900L, 700L], orders["edges"]!.AsArray().Select(e => e!["node"]!["paidAmountCents"]!.GetValue<long>()));
        });
    }

    [Fact]
    public async Task Bad_input_is_refused_with_a_code()
    {
        // given
        var buyer = await BuyerAsync();
        var byAmount = await ListPages.EndCursorAsync(Gateway, MyOrders, new { order = new[] { new { paidAmountCents = "DESC" } }, first = 1 }, buyer.Token, d => d["me"]!["orders"]!);

        // when / then
        Assert.Equal("BAD_USER_INPUT", (await Gateway.GraphQLAsync(MyOrders, new { where = new { channel = new { @in = Enumerable.Repeat("POS", 101) } } }, buyer.Token)).FirstErrorCode);
        Assert.Equal("BAD_USER_INPUT", (await Gateway.GraphQLAsync(MyOrders, new { order = new[] { new { paidAt = "ASC", paidAmountCents = "ASC" } } }, buyer.Token)).FirstErrorCode);
        Assert.Equal("PAGE_SIZE_EXCEEDED", (await Gateway.GraphQLAsync(MyOrders, new { first = 101, where = new { } }, buyer.Token)).FirstErrorCode);
        Assert.Equal("INVALID_CURSOR", (await Gateway.GraphQLAsync(MyOrders, new { order = new[] { new { paidAt = "DESC" } }, after = byAmount }, buyer.Token)).FirstErrorCode);
        Assert.Equal("INVALID_CURSOR", (await Gateway.GraphQLAsync(MyOrders, new { after = byAmount }, buyer.Token)).FirstErrorCode);
    }

    /// <summary>
    /// o1 POS 1000 Jan 1; o2 TMALL 3000 Jan 5; o3 JD 3000 Jan 5; o4 POS 500 Jan 9 (partly refunded); o5 MINI_PROGRAM 2000 Jan 9 (refunded in full).
    /// </summary>
    private async Task<Buyer> BuyerAsync()
    {
        var data = new TestData(Gateway);
        var member = await data.MemberAsync();
        var ids = new Dictionary<string, string>();
        async Task OrderAsync(string name, SalesChannel channel, long cents, int day, OrderStatus status = OrderStatus.Paid, long refunded = 0) =>
            ids[name] = GlobalId.Encode("Order", (await data.OrderAsync(member.Id, null, new DateTime(2026, 1, day, 3, 0, 0, DateTimeKind.Utc), channel, cents, status, refunded)).Id);

        await OrderAsync("o1", SalesChannel.Pos, 1000, 1);
        await OrderAsync("o2", SalesChannel.Tmall, 3000, 5);
        await OrderAsync("o3", SalesChannel.Jd, 3000, 5);
        await OrderAsync("o4", SalesChannel.Pos, 500, 9, OrderStatus.PartiallyRefunded, 200);
        await OrderAsync("o5", SalesChannel.MiniProgram, 2000, 9, OrderStatus.FullyRefunded, 2000);
        return new Buyer(data.MemberToken(member.Id), ids);
    }

    /// <summary>A store whose customers each have POS orders of 500, 700 and 900 and a TMALL order of 5000.</summary>
    private async Task<(string Store, string Token)> StoreOfBuyersAsync(int members)
    {
        var data = new TestData(Gateway);
        var store = await data.StoreAsync();
        var guide = await data.GuideAsync(store.Id);
        for (var i = 0; i < members; i++)
        {
            var member = await data.MemberAsync();
            await data.RelationshipAsync(member.Id, guide.Id);
            foreach (var cents in new[] { 500L, 900L, 700L })
            {
                await data.OrderAsync(member.Id, store.Id, DateTime.UtcNow.AddDays(-cents / 100), SalesChannel.Pos, cents);
            }

            await data.OrderAsync(member.Id, null, DateTime.UtcNow, SalesChannel.Tmall, 5000);
        }

        return (GlobalId.Encode("Store", store.Id), data.StaffToken(store.Id));
    }

    private async Task<List<string>> NamesAsync(Buyer buyer, object where) =>
        (await Gateway.GraphQLAsync(MyOrders, new { where, first = 100 }, buyer.Token)).OkData()["me"]!["orders"]!["edges"]!.AsArray()
            .Select(e => buyer.NameOf(e!["node"]!["id"]!.GetValue<string>())).ToList();

    private sealed record Buyer(string Token, Dictionary<string, string> Ids)
    {
        public string NameOf(string id) => Ids.Single(kv => kv.Value == id).Key;

        public List<string> Names(params string[] names) => names.ToList();
    }
}

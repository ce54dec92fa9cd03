using System.Text.Json.Nodes;
using MemberGraph.Domain;
using MemberGraph.Guides;
using MemberGraph.Jobs;
using MemberGraph.Orders;
using MemberGraph.Tests.Infrastructure;

namespace MemberGraph.Tests.Guides;

/// <summary>
/// <c>myGuide.customers(where:, order:)</c>, the list the WeCom sidebar pages through: conditions on who the customer is
/// (tag, tier, last purchase, birthday, spend), sorted by last purchase, spend or tier across pages, in one statement a page.
/// </summary>
public sealed class GuideCustomerListTests(GatewayFixture fixture) : IClassFixture<GatewayFixture>
{
    private const string Customers = """
        query ($where: GuideCustomersFilter, $order: [GuideCustomerSort!], $first: Int, $after: String) {
          myGuide { customers(where: $where, order: $order, first: $first, after: $after) {
            pageInfo { hasNextPage endCursor } edges { cursor node { since member { id } } } } }
        }
        """;

    private static readonly DateTime January10 = new(2026, 1, 10, 2, 0, 0, DateTimeKind.Utc);
    private static readonly DateTime February1 = new(2026, 2, 1, 2, 0, 0, DateTimeKind.Utc);

    private GatewayHost Gateway { get; } = fixture.Gateway;

    [Fact]
    public async Task Conditions_pick_customers_by_tag_tier_last_purchase_birthday_and_spend()
    {
        // given
        var world = await WorldAsync();

        // when / then: every condition is checked on the customer behind each open relationship of this guide
        Assert.Equal(world.Names("c4", "c3", "c1"), await NamesAsync(world, new { hasTag = world.Tag }));
        Assert.Equal(world.Names("c5", "c4", "c1"), await NamesAsync(world, new { tier = new { gte = 2 } }));
        Assert.Equal(world.Names("c4", "c1"), await NamesAsync(world, new { hasTag = world.Tag, tier = new { @in = new[] { 2, 3 } } }));
        Assert.Equal(world.Names("c5", "c1"), await NamesAsync(world, new { lastPurchaseAt = new { lt = "2026-01-15T00:00:00+08:00" } }));
        Assert.Equal(world.Names("c2"), await NamesAsync(world, new { lastPurchaseAt = new { gte = "2026-01-15T00:00:00Z" } }));
        Assert.Equal(world.Names("c1"), await NamesAsync(world, new { birthdayThisMonth = true }));
        Assert.Equal(world.Names("c5", "c4", "c3", "c2"), await NamesAsync(world, new { birthdayThisMonth = false }));
        Assert.Equal(world.Names("c5", "c2", "c1"), await NamesAsync(world, new { spendCents = new { gte = 3000 } }));
        Assert.Equal(world.Names("c4", "c3"), await NamesAsync(world, new { spendCents = new { eq = 0 } }));
        Assert.Equal(world.Names("c6", "c5", "c4", "c3", "c2", "c1"), await NamesAsync(world, new { includeEnded = true }));
    }

    [Theory]
    [InlineData("spendCents", "DESC", null, null, "c5 c2 c1 c4 c3")] // 3000 ×3 (ties newest relationship first), then 0 ×2
    [InlineData("lastPurchaseAt", "DESC", null, null, "c2 c5 c1 c4 c3")] // Feb 1, Jan 10 ×2, then never bought
    [InlineData("lastPurchaseAt", "ASC", null, null, "c3 c4 c1 c5 c2")] // never bought first; ties oldest relationship first
    [InlineData("tier", "DESC", "spendCents", "ASC", "c4 c1 c5 c3 c2")] // 3; 2 ×2 by spend (tie: by id ascending); 1; 0
    [InlineData("since", "ASC", null, null, "c1 c2 c3 c4 c5")]
    public async Task Sorted_pages_hold_every_customer_once_in_order_ties_included(string key, string direction, string? thenKey, string? thenDirection, string expected)
    {
        // given
        var world = await WorldAsync();
        var order = new List<Dictionary<string, string>> { new() { [key] = direction } };
        if (thenKey is not null)
        {
            order.Add(new() { [thenKey] = thenDirection! });
        }

        // when: pages of two, and the whole list in one page
        var paged = await ListPages.WalkAsync(Gateway, Customers, after => new { order, first = 2, after }, world.Token,
            d => d["myGuide"]!["customers"]!, n => n["member"]!["id"]!.GetValue<string>());
        var whole = await ListPages.WalkAsync(Gateway, Customers, after => new { order, first = 100, after }, world.Token,
            d => d["myGuide"]!["customers"]!, n => n["member"]!["id"]!.GetValue<string>());

        // then
        Assert.Equal(world.Names(expected.Split(' ')), paged.Select(world.NameOf));
        Assert.Equal(paged, whole);
    }

    [Fact]
    public async Task Bad_conditions_orders_page_sizes_and_cursors_are_refused_with_a_code()
    {
        // given
        var world = await WorldAsync();
        var spendCursor = await ListPages.EndCursorAsync(Gateway, Customers, new { order = new[] { new { spendCents = "DESC" } }, first = 1 }, world.Token,
            d => d["myGuide"]!["customers"]!);
        var idCursor = await ListPages.EndCursorAsync(Gateway, Customers, new { first = 1 }, world.Token, d => d["myGuide"]!["customers"]!);

        // when / then
        Assert.Equal("BAD_USER_INPUT", await CodeAsync(world, new { where = new { hasTag = GlobalId.Encode("Tag", 987_654_321) } }));
        Assert.Equal("BAD_USER_INPUT", await CodeAsync(world, new { where = new { hasTag = world.Ids["c1"] } })); // a member id is no tag id
        Assert.Equal("BAD_USER_INPUT", await CodeAsync(world, new { where = new { tier = new { @in = Enumerable.Range(0, 101).ToArray() } } }));
        Assert.Equal("BAD_USER_INPUT", await CodeAsync(world, new { order = new[] { new Dictionary<string, string> { ["tier"] = "ASC", ["spendCents"] = "DESC" } } }));
        Assert.Equal("BAD_USER_INPUT", await CodeAsync(world, new { order = new[] { new Dictionary<string, string>() } }));
        Assert.Equal("BAD_USER_INPUT", await CodeAsync(world, new { order = new[] { new { tier = "ASC" }, new { tier = "DESC" } } }));
        Assert.Equal("BAD_USER_INPUT", await CodeAsync(world, new
        {
            order = new object[] { new { tier = "ASC" }, new { spendCents = "DESC" }, new { since = "ASC" }, new { lastPurchaseAt = "ASC" } },
        }));
        Assert.Equal("PAGE_SIZE_EXCEEDED", await CodeAsync(world, new { first = 101 }));
        Assert.Equal("INVALID_CURSOR", await CodeAsync(world, new { order = new[] { new { tier = "DESC" } }, after = spendCursor })); // another order's cursor
        Assert.Equal("INVALID_CURSOR", await CodeAsync(world, new { order = new[] { new { spendCents = "DESC" } }, after = idCursor })); // an unsorted page's
        Assert.Equal("INVALID_CURSOR", await CodeAsync(world, new { after = spendCursor }));
        Assert.Equal("INVALID_CURSOR", await CodeAsync(world, new { order = new[] { new { spendCents = "DESC" } }, after = Tampered(spendCursor) }));
    }

    [Fact]
    public async Task A_page_of_customers_is_one_sql_statement_whatever_the_conditions_and_order()
    {
        // given
        var world = await WorldAsync();
        const string guideOnly = "{ myGuide { id } }";
        const string page = """
            query ($after: String) { myGuide { id customers(first: 2, after: $after,
              where: { tier: { gte: 0 }, spendCents: { gte: 0 }, lastPurchaseAt: { lt: "2030-01-01T00:00:00Z" }, hasTag: null },
              order: [{ tier: DESC }, { lastPurchaseAt: DESC }, { spendCents: ASC }]) {
                pageInfo { endCursor } edges { cursor node { since kind } } } } }
            """;
        var tagged = $$"""{ myGuide { customers(first: 2, where: { hasTag: "{{world.Tag}}", birthdayThisMonth: false }) { edges { node { since } } } } }""";

        // when
        var baseline = await ListPages.StatementsAsync(Gateway, guideOnly, null, world.Token);
        var first = await ListPages.StatementsAsync(Gateway, page, new { after = (string?)null }, world.Token);
        var cursor = await ListPages.EndCursorAsync(Gateway, page, new { after = (string?)null }, world.Token, d => d["myGuide"]!["customers"]!);
        var second = await ListPages.StatementsAsync(Gateway, page, new { after = cursor }, world.Token);
        var withTag = await ListPages.StatementsAsync(Gateway, tagged, null, world.Token);

        // then: the guide, then one statement for each page (filters, keyset, order and keys in it)
        Assert.Equal(baseline + 1, first);
        Assert.Equal(baseline + 1, second);
        Assert.Equal(baseline + 1, withTag);
    }

    /// <summary>
    /// A guide with six customers (c6's relationship ended), and a member of another guide carrying the same tag:
    /// c1 tag, tier 2, 3000 on Jan 10, born this month; c2 tier 0 (no row), 1000 on Feb 1 and 2000 in December;
    /// c3 tag, tier 1, never bought; c4 tag, tier 3, one order of 500 refunded in full; c5 tier 2, 3000 on Jan 10.
    /// </summary>
    private async Task<World> WorldAsync()
    {
        var data = new TestData(Gateway);
        var store = await data.StoreAsync();
        var guide = await data.GuideAsync(store.Id);
        var stranger = await data.GuideAsync(store.Id);
        var tag = await data.TagAsync();
        var thisMonth = ChinaTime.ToChina(DateTime.UtcNow).Month;
        var ids = new Dictionary<string, long>();
        foreach (var name in new[] { "c1", "c2", "c3", "c4", "c5", "c6" })
        {
            var member = await data.MemberAsync();
            ids[name] = member.Id;
            var relationship = await data.RelationshipAsync(member.Id, guide.Id, name == "c2" ? GuideRelationshipKind.Follow : GuideRelationshipKind.Exclusive);
            await using var db = Gateway.Db();
            db.Members.Attach(member).Entity.Birthday = new DateOnly(1990, name == "c1" ? thisMonth : (thisMonth % 12) + 1, 5);
            if (name == "c6")
            {
                db.GuideRelationships.Attach(relationship).Entity.EndedAt = DateTime.UtcNow;
            }

            await db.SaveChangesAsync();
        }

        foreach (var name in new[] { "c1", "c3", "c4" })
        {
            await data.TagMemberAsync(ids[name], tag.Id);
        }

        var outsider = await data.MemberAsync();
        await data.RelationshipAsync(outsider.Id, stranger.Id);
        await data.TagMemberAsync(outsider.Id, tag.Id);
        await data.TierAsync(ids["c1"], 2);
        await data.TierAsync(ids["c3"], 1);
        await data.TierAsync(ids["c4"], 3);
        await data.TierAsync(ids["c5"], 2);
        await data.OrderAsync(ids["c1"], store.Id, January10, amountCents: 3000);
        await data.OrderAsync(ids["c2"], store.Id, February1, amountCents: 1000);
        await data.OrderAsync(ids["c2"], store.Id, new DateTime(2025, 12, 1, 0, 0, 0, DateTimeKind.Utc), amountCents: 2000);
        await data.OrderAsync(ids["c4"], store.Id, February1, amountCents: 500, status: OrderStatus.FullyRefunded, refundedCents: 500);
        await data.OrderAsync(ids["c5"], store.Id, January10, amountCents: 3000);
        await data.OrderAsync(outsider.Id, store.Id, February1, amountCents: 9000);
        return new World(data.GuideToken(guide), GlobalId.Encode("Tag", tag.Id), ids.ToDictionary(kv => kv.Key, kv => GlobalId.Encode("Member", kv.Value)));
    }

    private async Task<List<string>> NamesAsync(World world, object where)
    {
        var customers = (await Gateway.GraphQLAsync(Customers, new { where, first = 100 }, world.Token)).OkData()["myGuide"]!["customers"]!;
        return customers["edges"]!.AsArray().Select(e => world.NameOf(e!["node"]!["member"]!["id"]!.GetValue<string>())).ToList();
    }

    private async Task<string?> CodeAsync(World world, object variables)
    {
        var response = await Gateway.GraphQLAsync(Customers, variables, world.Token);
        Assert.Null(response.Data?["myGuide"]?["customers"]);
        return response.FirstErrorCode;
    }

    /// <summary>The same position written with a space before the id: still JSON, but not the exact text this API gave out.</summary>
    private static string Tampered(string cursor)
    {
        var text = System.Text.Encoding.UTF8.GetString(Convert.FromBase64String(cursor));
        var id = long.Parse(text[(text.LastIndexOf(',') + 1)..^1], System.Globalization.CultureInfo.InvariantCulture);
        var edited = text[..(text.LastIndexOf(',') + 1)] + " " + id + "]";
        return Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes(edited));
    }

    private sealed record World(string Token, string Tag, Dictionary<string, string> Ids)
    {
        public string NameOf(string id) => Ids.Single(kv => kv.Value == id).Key;

        public List<string> Names(params string[] names) => names.ToList();
    }
}

using MemberGraph.Domain;
using MemberGraph.Tests.Infrastructure;

namespace MemberGraph.Tests.Members;

/// <summary>
/// <c>members(where:, order:)</c>, the back office's and the store's member list: the member conditions every member list
/// shares plus when they registered, sorted by spend or last purchase across pages, one statement a page.
/// </summary>
public sealed class MemberListTests(GatewayFixture fixture) : IClassFixture<GatewayFixture>
{
    private const string Members = """
        query ($where: MemberFilterInput, $order: [MemberSort!], $first: Int, $after: String) {
          members(where: $where, order: $order, first: $first, after: $after) { pageInfo { hasNextPage endCursor } edges { node { id } } }
        }
        """;

    private GatewayHost Gateway { get; } = fixture.Gateway;

    [Fact]
    public async Task Admins_and_staff_filter_a_stores_members_by_spend_last_purchase_tag_and_registration()
    {
        // given
        var store = await StoreWithMembersAsync();
        var admin = store.Data.AdminToken();
        var staff = store.Data.StaffToken(store.Id);

        // when / then
        Assert.Equal(store.Names("m1", "m2", "m4"), await NamesAsync(store, admin, new { storeId = store.GlobalId, spendCents = new { gt = 0 } }));
        Assert.Equal(store.Names("m1", "m2", "m4"), await NamesAsync(store, staff, new { spendCents = new { gt = 0 } }));
        Assert.Equal(store.Names("m2"), await NamesAsync(store, staff, new { lastPurchaseAt = new { gte = "2026-03-01T00:00:00Z", lt = "2026-04-01T00:00:00Z" } }));
        Assert.Equal(store.Names("m1", "m3"), await NamesAsync(store, staff, new { hasTag = store.Tag }));
        Assert.Equal(store.Names("m1"), await NamesAsync(store, staff, new { registeredAt = new { lt = "2025-06-01T00:00:00Z" } }));
        Assert.Equal(store.Names("m3", "m5"), await NamesAsync(store, staff, new { registered = false, spendCents = new { lte = 0 } }));
    }

    [Theory]
    [InlineData("spendCents", "DESC", "m4 m2 m1 m5 m3")] // 5000; 2000 ×2 (ties: newest member first, as the direction); 0 ×2
    [InlineData("lastPurchaseAt", "ASC", "m3 m5 m1 m4 m2")] // never bought (oldest member first); Jan 2; Feb 2 ... Mar 2
    [InlineData("tier", "DESC", "m2 m4 m1 m5 m3")] // 3, 2, 1, then no tier ×2 (newest member first)
    public async Task Sorted_pages_hold_every_member_once_in_order(string key, string direction, string expected)
    {
        // given
        var store = await StoreWithMembersAsync();
        var order = new[] { new Dictionary<string, string> { [key] = direction } };

        // when
        var paged = await ListPages.WalkAsync(Gateway, Members, after => new { where = new { storeId = store.GlobalId }, order, first = 2, after },
            store.Data.AdminToken(), d => d["members"]!, n => n["id"]!.GetValue<string>());

        // then
        Assert.Equal(store.Names(expected.Split(' ')), paged.Select(store.NameOf));
    }

    [Fact]
    public async Task A_page_of_members_is_one_sql_statement_and_bad_input_has_a_code()
    {
        // given
        var store = await StoreWithMembersAsync();
        var admin = store.Data.AdminToken();
        var variables = new { where = new { storeId = store.GlobalId, tier = new { gte = 0 }, birthdayThisMonth = false }, order = new[] { new { spendCents = "DESC" } }, first = 2 };

        // when
        var first = await ListPages.StatementsAsync(Gateway, Members, variables, admin);
        var cursor = await ListPages.EndCursorAsync(Gateway, Members, variables, admin, d => d["members"]!);
        var second = await ListPages.StatementsAsync(Gateway, Members, new { variables.where, variables.order, variables.first, after = cursor }, admin);
        var unknownTag = await Gateway.GraphQLAsync(Members, new { where = new { hasTag = GlobalId.Encode("Tag", 987_654_321) } }, admin);
        var tooMany = await Gateway.GraphQLAsync(Members, new { where = new { storeId = store.GlobalId }, first = 101 }, admin);
        var otherOrder = await Gateway.GraphQLAsync(Members, new { where = new { storeId = store.GlobalId }, order = new[] { new { tier = "DESC" } }, after = cursor }, admin);

        // then
        Assert.Equal(1, first);
        Assert.Equal(1, second);
        Assert.Equal("BAD_USER_INPUT", unknownTag.FirstErrorCode);
        Assert.Equal("PAGE_SIZE_EXCEEDED", tooMany.FirstErrorCode);
        Assert.Equal("INVALID_CURSOR", otherOrder.FirstErrorCode);
    }

    /// <summary>
    /// A store's five customers: m1 registered Jan 2025, tag, tier 1, 2000 on Jan 2; m2 registered Jul 2025, tier 3, 500 on Feb 2
    /// and 1500 on Mar 2; m3 visitor, tag, never bought; m4 registered, tier 2, 5000 on Feb 2; m5 visitor, never bought.
    /// </summary>
    private async Task<StoreMembers> StoreWithMembersAsync()
    {
        var data = new TestData(Gateway);
        var store = await data.StoreAsync();
        var guide = await data.GuideAsync(store.Id);
        var tag = await data.TagAsync();
        var registered = new Dictionary<string, DateTime?>
        {
            ["m1"] = new DateTime(2025, 1, 15, 0, 0, 0, DateTimeKind.Utc),
            ["m2"] = new DateTime(2025, 7, 15, 0, 0, 0, DateTimeKind.Utc),
            ["m3"] = null,
            ["m4"] = new DateTime(2025, 9, 15, 0, 0, 0, DateTimeKind.Utc),
            ["m5"] = null,
        };
        var ids = new Dictionary<string, long>();
        foreach (var (name, at) in registered)
        {
            var member = await data.MemberAsync(phone: at is null ? null : $"139{TestData.Next():00000000}", createdAt: at ?? DateTime.UtcNow);
            ids[name] = member.Id;
            await data.RelationshipAsync(member.Id, guide.Id);
        }

        await data.TagMemberAsync(ids["m1"], tag.Id);
        await data.TagMemberAsync(ids["m3"], tag.Id);
        await data.TierAsync(ids["m1"], 1);
        await data.TierAsync(ids["m2"], 3);
        await data.TierAsync(ids["m4"], 2);
        await data.OrderAsync(ids["m1"], store.Id, new DateTime(2026, 1, 2, 0, 0, 0, DateTimeKind.Utc), amountCents: 2000);
        await data.OrderAsync(ids["m2"], store.Id, new DateTime(2026, 2, 2, 0, 0, 0, DateTimeKind.Utc), amountCents: 500);
        await data.OrderAsync(ids["m2"], store.Id, new DateTime(2026, 3, 2, 0, 0, 0, DateTimeKind.Utc), amountCents: 1500);
        await data.OrderAsync(ids["m4"], store.Id, new DateTime(2026, 2, 2, 0, 0, 0, DateTimeKind.Utc), amountCents: 5000);
        return new StoreMembers(data, store.Id, GlobalId.Encode("Store", store.Id), GlobalId.Encode("Tag", tag.Id),
            ids.ToDictionary(kv => kv.Key, kv => GlobalId.Encode("Member", kv.Value)));
    }

    private async Task<List<string>> NamesAsync(StoreMembers store, string token, object where) =>
        (await Gateway.GraphQLAsync(Members, new { where, first = 100 }, token)).OkData()["members"]!["edges"]!.AsArray()
            .Select(e => store.NameOf(e!["node"]!["id"]!.GetValue<string>())).ToList();

    private sealed record StoreMembers(TestData Data, long Id, string GlobalId, string Tag, Dictionary<string, string> Ids)
    {
        public string NameOf(string id) => Ids.Single(kv => kv.Value == id).Key;

        public List<string> Names(params string[] names) => names.ToList();
    }
}

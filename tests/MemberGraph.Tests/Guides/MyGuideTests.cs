using MemberGraph.Domain;
using MemberGraph.Guides;
using MemberGraph.Tests.Infrastructure;

namespace MemberGraph.Tests.Guides;

/// <summary>
/// myGuide and Guide.customers: keyset pages, filters, and who may list a guide's customers. One gateway for the class:
/// every test counts the customers of guides it made.
/// </summary>
public sealed class MyGuideTests(GatewayFixture fixture) : IClassFixture<GatewayFixture>
{
    private const string Customers = """
        query($first: Int, $after: String, $where: GuideCustomersFilter) {
          myGuide { guideCode customers(first: $first, after: $after, where: $where) {
            totalCount pageInfo { hasNextPage endCursor } edges { node { kind source member { id } } } } }
        }
        """;

    private readonly GatewayHost _gateway = fixture.Gateway;
    private readonly TestData _data = new(fixture.Gateway);

    [Fact]
    public async Task The_guide_pages_through_all_their_customers_newest_first()
    {
        // given: 25 customers of this guide (and one of another guide)
        var store = await _data.StoreAsync();
        var guide = await _data.GuideAsync(store.Id);
        var other = await _data.GuideAsync(store.Id);
        var expected = new List<string>();
        for (var i = 0; i < 25; i++)
        {
            var member = await _data.MemberAsync();
            await _data.RelationshipAsync(member.Id, guide.Id);
            expected.Add(GlobalId.Encode("Member", member.Id));
        }

        await _data.RelationshipAsync((await _data.MemberAsync()).Id, other.Id);
        expected.Reverse();

        // when
        var seen = new List<string>();
        string? after = null;
        var pages = 0;
        bool more;
        do
        {
            var connection = (await _gateway.GraphQLAsync(Customers, new { first = 10, after }, _data.GuideToken(guide))).OkData()["myGuide"]!["customers"]!;
            Assert.Equal(25, connection["totalCount"]!.GetValue<int>());
            seen.AddRange(connection["edges"]!.AsArray().Select(e => e!["node"]!["member"]!["id"]!.GetValue<string>()));
            more = connection["pageInfo"]!["hasNextPage"]!.GetValue<bool>();
            after = connection["pageInfo"]!["endCursor"]?.GetValue<string>();
            pages++;
        }
        while (more);

        // then
        Assert.Equal(3, pages);
        Assert.Equal(expected, seen);
    }

    [Fact]
    public async Task Customers_filter_by_kind_and_hide_ended_relationships_unless_asked()
    {
        var store = await _data.StoreAsync();
        var guide = await _data.GuideAsync(store.Id);
        await _data.RelationshipAsync((await _data.MemberAsync()).Id, guide.Id, GuideRelationshipKind.Exclusive);
        await _data.RelationshipAsync((await _data.MemberAsync()).Id, guide.Id, GuideRelationshipKind.Follow);
        var ended = await _data.RelationshipAsync((await _data.MemberAsync()).Id, guide.Id, GuideRelationshipKind.Follow);
        await using (var db = _gateway.Db())
        {
            db.GuideRelationships.Attach(ended);
            GuideRelationships.End(ended, GuideRelationships.CustomerDeletedGuide, DateTime.UtcNow);
            await db.SaveChangesAsync();
        }

        var follows = await _gateway.GraphQLAsync(Customers, new { where = new { kind = "FOLLOW" } }, _data.GuideToken(guide));
        var withHistory = await _gateway.GraphQLAsync(Customers, new { where = new { includeEnded = true } }, _data.GuideToken(guide));

        Assert.Equal(1, follows.OkData()["myGuide"]!["customers"]!["totalCount"]!.GetValue<int>());
        Assert.Equal(3, withHistory.OkData()["myGuide"]!["customers"]!["totalCount"]!.GetValue<int>());
    }

    [Fact]
    public async Task Page_sizes_above_100_are_refused()
    {
        var guide = await _data.GuideAsync((await _data.StoreAsync()).Id);

        var response = await _gateway.GraphQLAsync(Customers, new { first = 101 }, _data.GuideToken(guide));

        Assert.Equal("PAGE_SIZE_EXCEEDED", response.FirstErrorCode);
    }

    [Theory]
    [InlineData("guide herself", true)]
    [InlineData("another guide of the store", false)]
    [InlineData("staff of the store", true)]
    [InlineData("staff of another store", false)]
    [InlineData("admin", true)]
    [InlineData("a member she serves", false)]
    public async Task Who_may_list_a_guides_customers_through_node(string caller, bool allowed)
    {
        var (store, otherStore) = (await _data.StoreAsync(), await _data.StoreAsync());
        var guide = await _data.GuideAsync(store.Id);
        var colleague = await _data.GuideAsync(store.Id);
        var member = await _data.MemberAsync();
        await _data.RelationshipAsync(member.Id, guide.Id);
        var token = caller switch
        {
            "guide herself" => _data.GuideToken(guide),
            "another guide of the store" => _data.GuideToken(colleague),
            "staff of the store" => _data.StaffToken(store.Id),
            "staff of another store" => _data.StaffToken(otherStore.Id),
            "admin" => _data.AdminToken(),
            _ => _data.MemberToken(member.Id),
        };

        var response = await _gateway.GraphQLAsync("query($id: ID!) { node(id: $id) { ... on Guide { name customers { totalCount } } } }",
            new { id = GlobalId.Encode("Guide", guide.Id) }, token);

        if (allowed)
        {
            Assert.Equal(1, response.OkData()["node"]!["customers"]!["totalCount"]!.GetValue<int>());
        }
        else
        {
            Assert.Equal("AUTH_NOT_AUTHORIZED", response.FirstErrorCode);
        }
    }
}

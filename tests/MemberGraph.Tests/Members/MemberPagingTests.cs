using MemberGraph.Domain;
using MemberGraph.GraphQL;
using MemberGraph.Members;
using MemberGraph.Tests.Infrastructure;

namespace MemberGraph.Tests.Members;

public sealed class MemberPagingTests : IAsyncLifetime
{
    private const string Page = """
        query($first: Int, $after: String) {
          members(first: $first, after: $after) { totalCount pageInfo { hasNextPage hasPreviousPage endCursor } edges { cursor node { id } } }
        }
        """;

    private GatewayHost _gateway = null!;
    private TestData _data = null!;

    public async Task InitializeAsync()
    {
        _gateway = await GatewayHost.StartAsync();
        _data = new TestData(_gateway);
    }

    public async Task DisposeAsync() => await _gateway.DisposeAsync();

    [Fact]
    public async Task More_than_100_per_page_is_refused()
    {
        var response = await _gateway.GraphQLAsync(Page, new { first = 101 }, _data.AdminToken());

        Assert.Equal(ErrorCodes.PageSizeExceeded, response.FirstErrorCode);
        Assert.Null(response.Data?["members"]);
    }

    [Fact]
    public async Task Cursors_walk_a_guides_customers_page_by_page_without_duplicates()
    {
        // given: 25 customers of the guide, and members of another guide that must not show
        var store = await _data.StoreAsync();
        var guide = await _data.GuideAsync(store.Id);
        var otherGuide = await _data.GuideAsync(store.Id);
        var customers = new List<string>();
        for (var i = 0; i < 25; i++)
        {
            var member = await _data.MemberAsync();
            await _data.RelationshipAsync(member.Id, guide.Id, i % 2 == 0 ? global::MemberGraph.Guides.GuideRelationshipKind.Exclusive : global::MemberGraph.Guides.GuideRelationshipKind.Follow);
            customers.Add(GlobalId.Encode("Member", member.Id));
        }

        for (var i = 0; i < 3; i++)
        {
            await _data.RelationshipAsync((await _data.MemberAsync()).Id, otherGuide.Id);
        }

        // when
        var seen = new List<string>();
        var pageSizes = new List<int>();
        var totals = new List<int>();
        string? after = null;
        var hasNext = true;
        while (hasNext)
        {
            var members = (await _gateway.GraphQLAsync(Page, new { first = 10, after }, _data.GuideToken(guide))).OkData()["members"]!;
            var ids = members["edges"]!.AsArray().Select(e => e!["node"]!["id"]!.GetValue<string>()).ToList();
            seen.AddRange(ids);
            pageSizes.Add(ids.Count);
            totals.Add(members["totalCount"]!.GetValue<int>());
            hasNext = members["pageInfo"]!["hasNextPage"]!.GetValue<bool>();
            after = members["pageInfo"]!["endCursor"]!.GetValue<string>();
            Assert.True(pageSizes.Count <= 3, "more pages than members");
        }

        // then
        Assert.Equal([10, 10, 5], pageSizes);
        Assert.Equal(customers, seen);
        Assert.All(totals, total => Assert.Equal(25, total));
    }

    [Fact]
    public async Task A_cursor_the_api_did_not_give_out_is_bad_input()
    {
        var response = await _gateway.GraphQLAsync(Page, new { first = 10, after = "bm90LWEtY3Vyc29y" }, _data.AdminToken());

        Assert.Equal(ErrorCodes.InvalidCursor, response.FirstErrorCode);
    }

    [Theory]
    [InlineData("Y3Vyc29yOi01")] // cursor:-5
    [InlineData("Y3Vyc29yOjAwNw==")] // cursor:007
    [InlineData("Y3Vyc29yOis3")] // cursor:+7
    [InlineData("%%%")]
    public async Task A_malformed_cursor_is_refused_as_INVALID_CURSOR_and_no_page_is_read(string after)
    {
        // given: members there would be to list
        await _data.MemberAsync();

        // when
        var response = await _gateway.GraphQLAsync(Page, new { first = 10, after }, _data.AdminToken());

        // then
        Assert.Equal(ErrorCodes.InvalidCursor, response.FirstErrorCode);
        Assert.Contains("'after'", response.Errors![0]!["message"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Null(response.Data?["members"]);
    }

    [Fact]
    public async Task Merged_members_are_not_listed_but_their_survivor_is()
    {
        // given
        var store = await _data.StoreAsync();
        var guide = await _data.GuideAsync(store.Id);
        var survivor = await _data.MemberAsync("13900000001");
        var merged = await _data.MemberAsync();
        await _data.RelationshipAsync(survivor.Id, guide.Id);
        await _data.RelationshipAsync(merged.Id, guide.Id, global::MemberGraph.Guides.GuideRelationshipKind.Follow);
        await _data.MarkMergedAsync(merged.Id, survivor.Id);

        // when
        var asGuide = (await _gateway.GraphQLAsync(Page, new { first = 10 }, _data.GuideToken(guide))).OkData()["members"]!;
        var asAdmin = (await _gateway.GraphQLAsync(Page, new { first = 100 }, _data.AdminToken())).OkData()["members"]!;

        // then
        Assert.Equal([GlobalId.Encode("Member", survivor.Id)], asGuide["edges"]!.AsArray().Select(e => e!["node"]!["id"]!.GetValue<string>()));
        Assert.Equal(1, asGuide["totalCount"]!.GetValue<int>());
        Assert.DoesNotContain(GlobalId.Encode("Member", merged.Id), asAdmin["edges"]!.AsArray().Select(e => e!["node"]!["id"]!.GetValue<string>()));
    }
}

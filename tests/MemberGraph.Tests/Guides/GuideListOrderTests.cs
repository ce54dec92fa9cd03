using MemberGraph.Domain;
using MemberGraph.Guides;
using MemberGraph.Tests.Infrastructure;

namespace MemberGraph.Tests.Guides;

/// <summary><c>guides(where:, order:)</c>: the back office's list of a store's guides by status and name, one statement a page.</summary>
public sealed class GuideListOrderTests(GatewayFixture fixture) : IClassFixture<GatewayFixture>
{
    private const string Guides = """
        query ($storeId: ID, $where: GuideFilter, $order: [GuideSort!], $first: Int, $after: String) {
          guides(storeId: $storeId, where: $where, order: $order, first: $first, after: $after) { pageInfo { hasNextPage endCursor } edges { node { id name } } }
        }
        """;

    private GatewayHost Gateway { get; } = fixture.Gateway;

    [Fact]
    public async Task Guides_filter_by_status_and_name_and_sort_by_name_across_pages()
    {
        // given: two guides named 王芳 (one resigned), and 李娜, 张伟, Amy
        var (storeId, ids) = await StoreAsync();
        var admin = new TestData(Gateway).AdminToken();
        var names = ids.ToDictionary(kv => kv.Value, kv => kv.Key);

        // when
        var byName = await ListPages.WalkAsync(Gateway, Guides, after => new { storeId, order = new[] { new { name = "ASC" } }, first = 2, after }, admin,
            d => d["guides"]!, n => n["id"]!.GetValue<string>());
        var activeByName = await ListPages.WalkAsync(Gateway, Guides,
            after => new { storeId, where = new { status = new { eq = "ACTIVE" } }, order = new[] { new { name = "DESC" } }, first = 2, after }, admin,
            d => d["guides"]!, n => n["id"]!.GetValue<string>());
        var wang = await ListPages.WalkAsync(Gateway, Guides, after => new { storeId, where = new { nameContains = "王" }, after }, admin,
            d => d["guides"]!, n => n["id"]!.GetValue<string>());

        // then: by code point (A < 张 U+5F20 < 李 U+674E < 王 U+738B); equal names by id, in the direction of the sort
        Assert.Equal(["Amy", "张伟", "李娜", "王芳#1", "王芳#2"], byName.Select(id => names[id]));
        Assert.Equal(["王芳#1", "李娜", "张伟", "Amy"], activeByName.Select(id => names[id]));
        Assert.Equal(["王芳#1", "王芳#2"], wang.Select(id => names[id]));
    }

    [Fact]
    public async Task A_page_of_guides_is_one_statement_and_bad_input_has_a_code()
    {
        // given
        var (storeId, _) = await StoreAsync();
        var admin = new TestData(Gateway).AdminToken();
        var variables = new { storeId, where = new { status = new { @in = new[] { "ACTIVE", "RESIGNED" } } }, order = new[] { new { name = "ASC" } }, first = 2 };

        // when
        var first = await ListPages.StatementsAsync(Gateway, Guides, variables, admin);
        var cursor = await ListPages.EndCursorAsync(Gateway, Guides, variables, admin, d => d["guides"]!);
        var second = await ListPages.StatementsAsync(Gateway, Guides, new { storeId, variables.where, variables.order, variables.first, after = cursor }, admin);
        var unsorted = await Gateway.GraphQLAsync(Guides, new { storeId, after = cursor }, admin);
        var twoKeys = await Gateway.GraphQLAsync(Guides, new { storeId, order = new[] { new { name = "ASC" }, new { name = "DESC" } } }, admin);

        // then
        Assert.Equal(1, first);
        Assert.Equal(1, second);
        Assert.Equal("INVALID_CURSOR", unsorted.FirstErrorCode);
        Assert.Equal("BAD_USER_INPUT", twoKeys.FirstErrorCode);
    }

    private async Task<(string StoreId, Dictionary<string, string> Ids)> StoreAsync()
    {
        var data = new TestData(Gateway);
        var store = await data.StoreAsync();
        var ids = new Dictionary<string, string>();
        await using var db = Gateway.Db();
        foreach (var (label, name, status) in new[]
                 {
                     ("王芳#1", "王芳", GuideStatus.Active), ("李娜", "李娜", GuideStatus.Active), ("王芳#2", "王芳", GuideStatus.Resigned),
                     ("张伟", "张伟", GuideStatus.Active), ("Amy", "Amy", GuideStatus.Active),
                 })
        {
            var n = TestData.Next();
            var guide = new Guide { StoreId = store.Id, Name = name, Status = status, WeComUserId = $"gl{n}", GuideCode = $"GLO{n:0000}" };
            db.Guides.Add(guide);
            await db.SaveChangesAsync();
            ids[label] = GlobalId.Encode("Guide", guide.Id);
        }

        return (GlobalId.Encode("Store", store.Id), ids);
    }
}

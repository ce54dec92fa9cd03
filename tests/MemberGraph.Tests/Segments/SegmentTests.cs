using System.Text.Json.Nodes;
using MemberGraph.Domain;
using MemberGraph.GraphQL;
using MemberGraph.Guides;
using MemberGraph.Members;
using MemberGraph.Tests.Infrastructure;
using MemberGraph.Tests.Tags;
using Microsoft.EntityFrameworkCore;

namespace MemberGraph.Tests.Segments;

/// <summary>Segment expressions through segmentPreview and saveSegment over hand-built members, tags and stores.</summary>
public sealed class SegmentTests : IAsyncLifetime
{
    private const string Preview = """
        query($e: String!, $n: Int) { segmentPreview(expression: $e) { count sample(first: $n) { id } } }
        """;

    private const string Save = """
        mutation($input: SaveSegmentInput!) { saveSegment(input: $input) { segment { id name expression lastCount } errors { code message field } } }
        """;

    private TaggingWorld _world = null!;
    private Customer _ann = null!;
    private Customer _bob = null!;
    private Customer _cat = null!;
    private Customer _dan = null!;
    private Guide _guide = null!;

    public async Task InitializeAsync()
    {
        _world = await TaggingWorld.StartAsync();
        var xuhui = await _world.Data.StoreAsync("XH01");
        var jingan = await _world.Data.StoreAsync("JA01");
        await _world.Data.StoreAsync("HZ01", latitude: 30.27, longitude: 120.15).ContinueWith(async t =>
        {
            await using var db = _world.Gateway.Db();
            await db.Stores.Where(s => s.Id == t.Result.Id).ExecuteUpdateAsync(s => s.SetProperty(x => x.City, "杭州"));
        }).Unwrap();
        _guide = await _world.Data.GuideAsync(xuhui.Id);

        // ann: vip + gift, female, registered, exclusive guide at XH01 and buys there, gold
        _ann = await _world.CustomerAsync();
        await _world.Data.RelationshipAsync(_ann.Id, _guide.Id);
        await _world.OrderAsync(_ann, 600_000, daysAgo: 3, storeId: xuhui.Id);
        // bob: vip, male, visitor, favourite store JA01 (rule tag)
        _bob = await _world.CustomerAsync();
        await _world.OrderAsync(_bob, 1_000, daysAgo: 3, storeId: jingan.Id);
        // cat: gift, female
        _cat = await _world.CustomerAsync();
        // dan: no tags, no orders, but an exclusive guide at XH01
        _dan = await _world.CustomerAsync();
        await _world.Data.RelationshipAsync(_dan.Id, _guide.Id);
        await using (var db = _world.Gateway.Db())
        {
            await db.Members.Where(m => m.Id == _ann.Id).ExecuteUpdateAsync(s => s.SetProperty(m => m.Gender, Gender.Female).SetProperty(m => m.RegisteredAt, _world.Now));
            await db.Members.Where(m => m.Id == _bob.Id).ExecuteUpdateAsync(s => s.SetProperty(m => m.Gender, Gender.Male));
            await db.Members.Where(m => m.Id == _cat.Id).ExecuteUpdateAsync(s => s.SetProperty(m => m.Gender, Gender.Female));
        }

        await DefineManualAsync("vip");
        await DefineManualAsync("gift");
        await TagAsync(_ann, "vip");
        await TagAsync(_ann, "gift");
        await TagAsync(_bob, "vip");
        await TagAsync(_cat, "gift");
        await _world.DefineAsync("favourite_store", new { kind = "STORE_PREFERENCE" });
        await _world.RunAsync();
    }

    public async Task DisposeAsync() => await _world.DisposeAsync();

    public static TheoryData<string, string[]> Expressions => new()
    {
        { "vip", ["ann", "bob"] },
        { "vip AND NOT gift", ["bob"] },
        { "vip or gift", ["ann", "bob", "cat"] },
        { "NOT (vip OR gift)", ["dan"] },
        { "gift AND gender = FEMALE", ["ann", "cat"] },
        { "gender != female", ["bob", "dan"] },
        { "store = XH01", ["ann", "dan"] },
        { "store = ja01", ["bob"] },
        { "city = 上海", ["ann", "bob", "dan"] },
        { "city = 上海 AND NOT store = XH01", ["bob"] },
        { "city = 杭州", [] },
        { "tier = GOLD", ["ann"] },
        { "tier = 金卡 OR tier = 0", ["ann", "bob", "cat", "dan"] },
        { "vip AND tier != GOLD", ["bob"] },
        { "registered = true", ["ann"] },
        { "registered = no AND (vip OR gift)", ["bob", "cat"] },
    };

    [Theory]
    [MemberData(nameof(Expressions))]
    public async Task Preview_counts_and_samples_the_members_an_expression_selects(string expression, string[] expected)
    {
        // when
        var response = await _world.Gateway.GraphQLAsync(Preview, new { e = expression, n = 100 }, _world.Data.AdminToken());

        // then
        var preview = response.OkData()["segmentPreview"]!;
        var ids = expected.Select(name => GlobalId.Encode("Member", Named(name).Id)).Order().ToList();
        Assert.Equal(ids.Count, preview["count"]!.GetValue<long>());
        Assert.Equal(ids, preview["sample"]!.AsArray().Select(m => m!["id"]!.GetValue<string>()).Order().ToList());
    }

    [Fact]
    public async Task The_sample_is_one_page_of_the_first_members_by_id()
    {
        var response = await _world.Gateway.GraphQLAsync(Preview, new { e = "vip OR gift", n = 2 }, _world.Data.AdminToken());

        var preview = response.OkData()["segmentPreview"]!;
        Assert.Equal(3, preview["count"]!.GetValue<long>());
        Assert.Equal([GlobalId.Encode("Member", _ann.Id), GlobalId.Encode("Member", _bob.Id)], preview["sample"]!.AsArray().Select(m => m!["id"]!.GetValue<string>()));
    }

    [Theory]
    [InlineData("vip AND", 7, "ends too early")]
    [InlineData("vip AND (gift OR", 16, "ends too early")]
    [InlineData("(vip AND gift", 13, "Expected ')'")]
    [InlineData("vip gift", 4, "Unexpected 'gift'")]
    [InlineData("vip & gift", 4, "Unexpected character '&'")]
    [InlineData("colour = red", 0, "not an attribute")]
    [InlineData("vip AND no_such_tag", 8, "No active tag 'no_such_tag'")]
    [InlineData("tier = PLATINUM", 7, "No tier 'PLATINUM'")]
    [InlineData("store = XX99", 8, "No store with code 'XX99'")]
    [InlineData("city = 火星", 7, "No store in city '火星'")]
    [InlineData("gender = robot", 9, "Gender is FEMALE, MALE or UNKNOWN")]
    [InlineData("", 0, "empty")]
    public async Task A_bad_expression_is_an_error_with_its_position(string expression, int position, string message)
    {
        // when
        var response = await _world.Gateway.GraphQLAsync(Preview, new { e = expression, n = 5 }, _world.Data.AdminToken());

        // then
        var error = Assert.Single(response.Errors!)!;
        Assert.Equal("SEGMENT_EXPRESSION_INVALID", error["extensions"]!["code"]!.GetValue<string>());
        Assert.Equal(position, error["extensions"]!["position"]!.GetValue<int>());
        Assert.Contains(message, error["message"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Saved_segments_keep_their_count_page_their_members_and_refuse_bad_input()
    {
        // given
        var saved = (await _world.Gateway.GraphQLAsync(Save, new { input = new { name = "VIP 或 礼盒", expression = "vip OR gift" } }, _world.Data.AdminToken()))
            .OkData()["saveSegment"]!;
        Assert.Empty(saved["errors"]!.AsArray());
        var id = saved["segment"]!["id"]!.GetValue<string>();

        // when
        var bad = (await _world.Gateway.GraphQLAsync(Save, new { input = new { name = "bad", expression = "vip AND (" } }, _world.Data.AdminToken())).OkData()["saveSegment"]!;
        var taken = (await _world.Gateway.GraphQLAsync(Save, new { input = new { name = "VIP 或 礼盒", expression = "vip" } }, _world.Data.AdminToken())).OkData()["saveSegment"]!;
        var changed = (await _world.Gateway.GraphQLAsync(Save, new { input = new { id, name = "VIP 或 礼盒", expression = "vip" } }, _world.Data.AdminToken())).OkData()["saveSegment"]!;
        var list = await _world.Gateway.GraphQLAsync("""
            { segments(first: 10) { totalCount edges { node { id name expression lastCount members(first: 1) { totalCount edges { cursor node { id } } pageInfo { hasNextPage endCursor } } } } } }
            """, token: _world.Data.AdminToken());
        var node = Assert.Single(list.OkData()["segments"]!["edges"]!.AsArray())!["node"]!;
        var next = await _world.Gateway.GraphQLAsync("""
            query($after: String) { segments(first: 1) { edges { node { members(first: 5, after: $after) { edges { node { id } } pageInfo { hasNextPage } } } } } }
            """, new { after = node["members"]!["pageInfo"]!["endCursor"]!.GetValue<string>() }, _world.Data.AdminToken());

        // then
        Assert.Equal(3, saved["segment"]!["lastCount"]!.GetValue<long>());
        Assert.Equal("SEGMENT_EXPRESSION_INVALID", bad["errors"]![0]!["code"]!.GetValue<string>());
        Assert.Equal("expression", bad["errors"]![0]!["field"]!.GetValue<string>());
        Assert.Contains("position 9", bad["errors"]![0]!["message"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Null(bad["segment"]);
        Assert.Equal("SEGMENT_NAME_TAKEN", taken["errors"]![0]!["code"]!.GetValue<string>());
        Assert.Equal(id, changed["segment"]!["id"]!.GetValue<string>());
        Assert.Equal(2, changed["segment"]!["lastCount"]!.GetValue<long>());
        Assert.Equal("vip", node["expression"]!.GetValue<string>());
        Assert.Equal(2, node["members"]!["totalCount"]!.GetValue<int>());
        Assert.Equal(GlobalId.Encode("Member", _ann.Id), node["members"]!["edges"]![0]!["node"]!["id"]!.GetValue<string>());
        Assert.True(node["members"]!["pageInfo"]!["hasNextPage"]!.GetValue<bool>());
        var rest = next.OkData()["segments"]!["edges"]![0]!["node"]!["members"]!;
        Assert.Equal([GlobalId.Encode("Member", _bob.Id)], rest["edges"]!.AsArray().Select(e => e!["node"]!["id"]!.GetValue<string>()));
        Assert.False(rest["pageInfo"]!["hasNextPage"]!.GetValue<bool>());
    }

    [Fact]
    public async Task Segments_are_for_operators_only()
    {
        var guide = _world.Data.GuideToken(_guide);
        var staff = _world.Data.StaffToken(_guide.StoreId);

        Assert.Equal("AUTH_NOT_AUTHORIZED", (await _world.Gateway.GraphQLAsync(Preview, new { e = "vip" }, guide)).FirstErrorCode);
        Assert.Equal("AUTH_NOT_AUTHORIZED", (await _world.Gateway.GraphQLAsync(Preview, new { e = "vip" }, staff)).FirstErrorCode);
        Assert.Equal("AUTH_NOT_AUTHORIZED", (await _world.Gateway.GraphQLAsync("{ segments { totalCount } }", token: guide)).FirstErrorCode);
        Assert.Equal("AUTH_NOT_AUTHORIZED", (await _world.Gateway.GraphQLAsync(Save, new { input = new { name = "x", expression = "vip" } }, guide)).FirstErrorCode);
    }

    [Fact]
    public async Task Member_tags_show_guides_rule_and_manual_tags_but_not_the_member()
    {
        const string query = """query($id: ID!) { member(id: $id) { tags { key name value source assignedAt } } }""";
        var id = GlobalId.Encode("Member", _ann.Id);

        var asGuide = await _world.Gateway.GraphQLAsync(query, new { id }, _world.Data.GuideToken(_guide));
        var asMember = await _world.Gateway.GraphQLAsync(query, new { id }, _world.Data.MemberToken(_ann.Id));

        var tags = asGuide.OkData()["member"]!["tags"]!.AsArray();
        Assert.Equal(["favourite_store", "gift", "vip"], tags.Select(t => t!["key"]!.GetValue<string>()));
        Assert.Equal("RULE", tags[0]!["source"]!.GetValue<string>());
        Assert.Equal("XH01", tags[0]!["value"]?.GetValue<string>() ?? "none");
        Assert.Equal("GUIDE", tags[2]!["source"]!.GetValue<string>());
        Assert.EndsWith("Z", tags[2]!["assignedAt"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal("AUTH_NOT_AUTHORIZED", asMember.FirstErrorCode);
    }

    [Fact]
    public async Task Member_tags_of_a_page_of_members_cost_the_same_queries_for_ten_members_as_for_a_hundred()
    {
        // given: 100 more tagged members
        for (var i = 0; i < 100; i++)
        {
            await TagAsync(await _world.CustomerAsync(), "vip");
        }

        // when
        var ten = await CommandsForAsync(10);
        var hundred = await CommandsForAsync(100);

        // then
        Assert.Equal(ten, hundred);
    }

    private async Task<long> CommandsForAsync(int first)
    {
        var counter = _world.Gateway.Service<MemberGraph.Data.SqlCommandCounter>();
        var before = counter.Count;
        var data = (await _world.Gateway.GraphQLAsync("query($n: Int) { members(first: $n) { edges { node { id tags { key } } } } }", new { n = first }, _world.Data.AdminToken())).OkData();
        var after = counter.Count;
        Assert.Equal(first, data["members"]!["edges"]!.AsArray().Count);
        return after - before;
    }

    private Customer Named(string name) => name switch
    {
        "ann" => _ann,
        "bob" => _bob,
        "cat" => _cat,
        _ => _dan,
    };

    private async Task DefineManualAsync(string key)
    {
        var response = await _world.Gateway.GraphQLAsync("""
            mutation($input: DefineTagInput!) { defineTag(input: $input) { errors { code } } }
            """, new { input = new { key, name = key, kind = "MANUAL" } }, _world.Data.AdminToken());
        Assert.Empty(response.OkData()["defineTag"]!["errors"]!.AsArray());
    }

    private async Task TagAsync(Customer customer, string key)
    {
        var response = await _world.Gateway.GraphQLAsync("""
            mutation($input: TagMemberInput!) { tagMember(input: $input) { tagged errors { code } } }
            """, new { input = new { memberId = GlobalId.Encode("Member", customer.Id), key } }, _world.Data.AdminToken());
        Assert.True(response.OkData()["tagMember"]!["tagged"]!.GetValue<bool>(), response.Body);
    }
}

using MemberGraph.Domain;
using MemberGraph.Tests.Infrastructure;

namespace MemberGraph.Tests.GraphQL;

/// <summary>
/// "IDs are the global ids the schema returns, or plain numeric keys" (README): every argument and input id of a known type
/// takes either; node(id:) has no type to go by and takes global ids only. One gateway for the class; each test makes its own rows.
/// </summary>
public sealed class PlainKeyIdTests(GatewayFixture fixture) : IClassFixture<GatewayFixture>
{
    private readonly GatewayHost _gateway = fixture.Gateway;

    [Fact]
    public async Task Typed_arguments_and_input_ids_take_the_plain_key_like_the_global_id()
    {
        // given: a guide and a customer of theirs
        var data = new TestData(_gateway);
        var store = await data.StoreAsync();
        var guide = await data.GuideAsync(store.Id);
        var member = await data.MemberAsync();
        await data.RelationshipAsync(member.Id, guide.Id);
        var admin = data.AdminToken();
        const string ById = "query($id: ID!) { member(id: $id) { id } }";

        // when
        var byGlobal = await _gateway.GraphQLAsync(ById, new { id = GlobalId.Encode("Member", member.Id) }, admin);
        var byKey = await _gateway.GraphQLAsync(ById, new { id = member.Id.ToString() }, admin);
        var byKeyAsGuide = await _gateway.GraphQLAsync(ById, new { id = member.Id.ToString() }, data.GuideToken(guide));
        var filtered = await _gateway.GraphQLAsync("query($s: ID) { members(where: { storeId: $s }) { totalCount } }", new { s = store.Id.ToString() }, admin);
        var tagged = await _gateway.GraphQLAsync(
            "mutation($m: ID!) { defineTag(input: { key: \"vip\", name: \"VIP\", kind: MANUAL }) { errors { code } } tagMember(input: { key: \"vip\", memberId: $m }) { errors { code } } }",
            new { m = member.Id.ToString() }, admin);
        var merges = await _gateway.GraphQLAsync("query($m: ID) { memberMerges(memberId: $m) { totalCount } }", new { m = member.Id.ToString() }, admin);

        // then
        var expected = GlobalId.Encode("Member", member.Id);
        Assert.Equal(expected, byGlobal.OkData()["member"]!["id"]!.GetValue<string>());
        Assert.Equal(expected, byKey.OkData()["member"]!["id"]!.GetValue<string>());
        Assert.Equal(expected, byKeyAsGuide.OkData()["member"]!["id"]!.GetValue<string>());
        Assert.Equal(1, filtered.OkData()["members"]!["totalCount"]!.GetValue<int>());
        Assert.Empty(tagged.OkData()["tagMember"]!["errors"]!.AsArray());
        Assert.Equal(0, merges.OkData()["memberMerges"]!["totalCount"]!.GetValue<int>());
    }

    [Fact]
    public async Task Node_takes_only_global_ids_and_says_why_a_plain_key_is_refused()
    {
        // given
        var data = new TestData(_gateway);
        var store = await data.StoreAsync();

        // when
        var plain = await _gateway.GraphQLAsync("query($id: ID!) { node(id: $id) { id } }", new { id = store.Id.ToString() }, data.AdminToken());
        var global = await _gateway.GraphQLAsync("query($id: ID!) { node(id: $id) { id } }", new { id = GlobalId.Encode("Store", store.Id) }, data.AdminToken());

        // then
        Assert.Equal("BAD_USER_INPUT", plain.FirstErrorCode);
        Assert.Contains("global id", plain.Errors![0]!["message"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal(GlobalId.Encode("Store", store.Id), global.OkData()["node"]!["id"]!.GetValue<string>());
    }

    [Theory]
    [InlineData("0")]
    [InlineData("07")]
    [InlineData("-7")]
    [InlineData("+7")]
    [InlineData("7.0")]
    [InlineData("99999999999999999999")]
    public void A_plain_key_is_digits_without_sign_or_leading_zero(string id) => Assert.Null(GlobalId.TryDecode(id, "Member"));

    [Fact]
    public void A_global_id_of_another_type_is_still_refused() =>
        Assert.Null(GlobalId.TryDecode(GlobalId.Encode("Store", 7), "Member"));
}

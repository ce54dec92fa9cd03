using MemberGraph.Auth;
using MemberGraph.Domain;
using MemberGraph.Tests.Infrastructure;

namespace MemberGraph.Tests.Orders;

/// <summary>A member's orders and refetching an order by node id; one gateway for the class, every test records its own orders.</summary>
public sealed class MemberOrdersTests(GatewayFixture fixture) : IClassFixture<GatewayFixture>
{
    private readonly GatewayHost _gateway = fixture.Gateway;
    private readonly LoyaltyApi _api = new(fixture.Gateway);

    [Fact]
    public async Task Orders_page_newest_first_with_keyset_cursors()
    {
        // given: five orders, recorded oldest first
        var recorded = new List<System.Text.Json.Nodes.JsonNode>();
        foreach (var i in Enumerable.Range(1, 5))
        {
            recorded.Add(await _api.RecordOkAsync(LoyaltyApi.Order($"POS-M{i}", "CARD-M", 1_000 * i)));
        }

        var orders = recorded.Select(o => o["id"]!.GetValue<string>()).ToList();
        var memberId = LoyaltyApi.MemberKey(recorded[0]);
        var token = new TestData(_gateway).MemberToken(memberId);
        const string query = "query($after: String) { me { orders(first: 2, after: $after) { totalCount pageInfo { hasNextPage endCursor } edges { node { id channelOrderId lines { sku } } } } } }";

        // when
        var first = (await _gateway.GraphQLAsync(query, new { after = (string?)null }, token)).OkData()["me"]!["orders"]!;
        var second = (await _gateway.GraphQLAsync(query, new { after = first["pageInfo"]!["endCursor"]!.GetValue<string>() }, token)).OkData()["me"]!["orders"]!;
        var third = (await _gateway.GraphQLAsync(query, new { after = second["pageInfo"]!["endCursor"]!.GetValue<string>() }, token)).OkData()["me"]!["orders"]!;

        // then
        var seen = new[] { first, second, third }.SelectMany(p => p["edges"]!.AsArray().Select(e => e!["node"]!["id"]!.GetValue<string>())).ToList();
        Assert.Equal(Enumerable.Reverse(orders), seen);
        Assert.Equal(5, first["totalCount"]!.GetValue<int>());
        Assert.True(second["pageInfo"]!["hasNextPage"]!.GetValue<bool>());
        Assert.False(third["pageInfo"]!["hasNextPage"]!.GetValue<bool>());
    }

    [Fact]
    public async Task An_order_refetches_by_node_id_for_its_buyer_and_its_store_only()
    {
        // given
        var data = new TestData(_gateway);
        var store = await data.StoreAsync();
        var otherStore = await data.StoreAsync();
        var order = await _api.RecordOkAsync(LoyaltyApi.Order("POS-N1", "CARD-N1", 1_000), data.StaffToken(store.Id));
        var buyer = LoyaltyApi.MemberKey(order);
        var stranger = await data.MemberAsync(phone: "13600000009");
        const string query = "query($id: ID!) { node(id: $id) { id ... on Order { channelOrderId storeId } } }";
        var variables = new { id = order["id"]!.GetValue<string>() };

        // when
        var asBuyer = await _gateway.GraphQLAsync(query, variables, data.MemberToken(buyer));
        var asStaff = await _gateway.GraphQLAsync(query, variables, data.StaffToken(store.Id));
        var asStranger = await _gateway.GraphQLAsync(query, variables, data.MemberToken(stranger.Id));
        var asOtherStaff = await _gateway.GraphQLAsync(query, variables, data.StaffToken(otherStore.Id));
        var asPartner = await _gateway.GraphQLAsync(query, variables, _gateway.Token(new TokenSubject(Roles.Partner, PartnerId: 1)));

        // then
        Assert.Equal("POS-N1", asBuyer.OkData()["node"]!["channelOrderId"]!.GetValue<string>());
        Assert.Equal(GlobalId.Encode("Store", store.Id), asStaff.OkData()["node"]!["storeId"]!.GetValue<string>());
        Assert.Equal("AUTH_NOT_AUTHORIZED", asStranger.FirstErrorCode);
        Assert.Equal("AUTH_NOT_AUTHORIZED", asOtherStaff.FirstErrorCode);
        Assert.Equal("AUTH_NOT_AUTHORIZED", asPartner.FirstErrorCode);
    }

    /// <summary>Order ids are sequential: an unknown one is refused like another's order, so no one but an admin can probe them.</summary>
    [Theory]
    [InlineData(Roles.Member)]
    [InlineData(Roles.Guide)]
    [InlineData(Roles.Staff)]
    [InlineData(Roles.Ingestion)]
    public async Task An_unknown_order_id_is_refused_like_a_forbidden_one_for_everyone_but_an_admin(string role)
    {
        // given: an order at a store, and an id no order has
        var data = new TestData(_gateway);
        var store = await data.StoreAsync();
        var order = await _api.RecordOkAsync(LoyaltyApi.Order($"POS-U{TestData.Next()}", $"CARD-U{TestData.Next()}", 1_000), data.StaffToken(store.Id));
        var guide = await data.GuideAsync(store.Id);
        var token = role switch
        {
            Roles.Member => data.MemberToken((await data.MemberAsync()).Id),
            Roles.Guide => data.GuideToken(guide),
            Roles.Staff => data.StaffToken((await data.StoreAsync()).Id),
            _ => _gateway.Token(new TokenSubject(Roles.Ingestion, Scope: "channel:TMALL")),
        };
        const string query = "query($id: ID!) { node(id: $id) { id } }";
        var unknown = new { id = GlobalId.Encode("Order", 987_654_321) };

        // when
        var forbidden = await _gateway.GraphQLAsync(query, new { id = order["id"]!.GetValue<string>() }, token);
        var probed = await _gateway.GraphQLAsync(query, unknown, token);
        var byAdmin = await _gateway.GraphQLAsync(query, unknown, data.AdminToken());

        // then: the same answer as for an order the caller may not see
        Assert.Equal("AUTH_NOT_AUTHORIZED", forbidden.FirstErrorCode);
        Assert.True(probed.FirstErrorCode == "AUTH_NOT_AUTHORIZED" && probed.Data?["node"] is null, probed.Body);
        Assert.Null(byAdmin.OkData()["node"]);
    }

    [Fact]
    public async Task A_merged_members_earlier_token_still_refetches_its_order_now_held_by_the_survivor()
    {
        // given: a buyer whose member is then merged into an older member
        var data = new TestData(_gateway);
        var survivor = await data.MemberAsync();
        var order = await _api.RecordOkAsync(LoyaltyApi.Order("POS-MERGED-1", "CARD-MERGED-1", 2_000));
        var buyer = LoyaltyApi.MemberKey(order);
        const string merge = "mutation ($input: MergeMembersInput!) { mergeMembers(input: $input) { errors { code } } }";
        var memberIds = new[] { GlobalId.Encode("Member", survivor.Id), GlobalId.Encode("Member", buyer) };
        var merged = (await _gateway.GraphQLAsync(merge, new { input = new { memberIds, reason = "same person" } }, data.AdminToken())).OkData()["mergeMembers"]!;
        const string query = "query($id: ID!) { node(id: $id) { ... on Order { channelOrderId } } }";

        // when: the buyer's earlier token, and a stranger's
        var asBuyer = await _gateway.GraphQLAsync(query, new { id = order["id"]!.GetValue<string>() }, data.MemberToken(buyer));
        var asStranger = await _gateway.GraphQLAsync(query, new { id = order["id"]!.GetValue<string>() }, data.MemberToken((await data.MemberAsync()).Id));

        // then
        Assert.Empty(merged["errors"]!.AsArray());
        Assert.Equal("POS-MERGED-1", asBuyer.OkData()["node"]!["channelOrderId"]!.GetValue<string>());
        Assert.Equal("AUTH_NOT_AUTHORIZED", asStranger.FirstErrorCode);
    }
}

using System.Text;
using MemberGraph.Data;
using MemberGraph.Tests.Infrastructure;

namespace MemberGraph.Tests.Coupons;

/// <summary>
/// Coupons as members, guides and staff read them. One gateway for the class (not <see cref="CouponGatewayTests"/>' one per
/// test): every test claims coupons of its own templates for its own members, and counts only those.
/// </summary>
public sealed class MemberCouponsTests(GatewayFixture fixture) : IClassFixture<GatewayFixture>
{
    private GatewayHost Gateway { get; } = fixture.Gateway;

    private CouponKit Kit { get; } = new(fixture.Gateway);

    [Fact]
    public async Task A_coupon_list_asking_for_where_a_template_is_usable_gets_the_whole_template_even_under_aliases()
    {
        // given: a template usable only in one store and only in the mini-program, with a description
        var store = await Kit.Data.StoreAsync();
        var templateId = await Kit.TemplateAsync(t =>
        {
            t["description"] = "仅限本店小程序下单";
            t["usableStoreIds"] = new[] { CouponKit.StoreId(store.Id) };
            t["usableChannels"] = new[] { "MINI_PROGRAM" };
        });
        var member = await Kit.Data.MemberAsync();
        await Kit.ClaimedAsync(templateId, member.Id);

        // when: one request reads the template without the wide fields, then with them under aliases
        var data = (await Gateway.GraphQLAsync("""
            { me {
                plain: coupons(first: 1) { edges { node { template { name kind } } } }
                wide: coupons(first: 1) { edges { node { template { name where: usableStores { id } how: usableChannels text: description } } } }
            } }
            """, token: Kit.Data.MemberToken(member.Id))).OkData()["me"]!;

        // then
        var plain = data["plain"]!["edges"]![0]!["node"]!["template"]!;
        var wide = data["wide"]!["edges"]![0]!["node"]!["template"]!;
        Assert.Equal(("满100减15", "IN_STORE"), (plain.Str("name"), plain.Str("kind")));
        Assert.Equal(CouponKit.StoreId(store.Id), wide["where"]!.AsArray().Single()!.Str("id"));
        Assert.Equal("MINI_PROGRAM", wide["how"]!.AsArray().Single()!.GetValue<string>());
        Assert.Equal("仅限本店小程序下单", wide.Str("text"));
    }

    [Fact]
    public async Task A_member_pages_through_their_coupons_newest_first()
    {
        // given
        var templateId = await Kit.TemplateAsync(t => t["perMemberLimit"] = 5);
        var member = await Kit.Data.MemberAsync();
        var ids = new List<string>();
        for (var i = 0; i < 5; i++)
        {
            ids.Add((await Kit.ClaimedAsync(templateId, member.Id)).Str("id"));
        }

        await Kit.ClaimedAsync(templateId, (await Kit.Data.MemberAsync()).Id);
        const string query = "query ($after: String) { me { coupons(first: 2, after: $after) { totalCount pageInfo { hasNextPage endCursor } edges { node { id template { name } } } } } }";
        var token = Kit.Data.MemberToken(member.Id);

        // when
        var first = (await Gateway.GraphQLAsync(query, new { after = (string?)null }, token)).OkData()["me"]!["coupons"]!;
        var second = (await Gateway.GraphQLAsync(query, new { after = first["pageInfo"]!.Str("endCursor") }, token)).OkData()["me"]!["coupons"]!;
        var third = (await Gateway.GraphQLAsync(query, new { after = second["pageInfo"]!.Str("endCursor") }, token)).OkData()["me"]!["coupons"]!;

        // then
        Assert.Equal(5, first["totalCount"]!.GetValue<int>());
        Assert.Equal([ids[4], ids[3]], first["edges"]!.AsArray().Select(e => e!["node"]!.Str("id")));
        Assert.Equal([ids[2], ids[1]], second["edges"]!.AsArray().Select(e => e!["node"]!.Str("id")));
        Assert.Equal([ids[0]], third["edges"]!.AsArray().Select(e => e!["node"]!.Str("id")));
        Assert.False(third["pageInfo"]!["hasNextPage"]!.GetValue<bool>());
        Assert.Equal("满100减15", first["edges"]![0]!["node"]!["template"]!.Str("name"));
    }

    [Fact]
    public async Task Coupons_of_40_members_cost_the_same_statements_as_of_10()
    {
        // given: staff look up one coupon per member by code; each lookup is one statement, then member, coupons
        // and templates must each be one batched statement whatever the number of members.
        var templateId = await Kit.TemplateAsync(t => { t["perMemberLimit"] = 3; t["totalStock"] = 1000; });
        var codes = new List<string>();
        foreach (var memberId in await Kit.MembersAsync(40))
        {
            codes.Add((await Kit.ClaimedAsync(templateId, memberId)).Str("code"));
            await Kit.ClaimedAsync(templateId, memberId);
        }

        var staff = Kit.Data.StaffToken((await Kit.Data.StoreAsync()).Id);

        // when
        var ten = await StatementsAsync(codes.Take(10).ToList(), staff);
        var forty = await StatementsAsync(codes, staff);

        // then
        Assert.Equal(ten - 10, forty - 40);
        Assert.Equal(3, forty - 40);
    }

    [Fact]
    public async Task Members_may_not_read_another_members_coupons_through_a_coupon()
    {
        // given
        var templateId = await Kit.TemplateAsync();
        var member = await Kit.Data.MemberAsync();
        var stranger = await Kit.Data.MemberAsync();
        var couponId = (await Kit.ClaimedAsync(templateId, member.Id)).Str("id");

        // when
        var own = await Gateway.GraphQLAsync("query ($id: ID!) { node(id: $id) { ... on Coupon { code member { coupons { totalCount } } } } }", new { id = couponId }, Kit.Data.MemberToken(member.Id));
        var others = await Gateway.GraphQLAsync("query ($id: ID!) { node(id: $id) { ... on Coupon { code } } }", new { id = couponId }, Kit.Data.MemberToken(stranger.Id));

        // then
        Assert.Equal(1, own.OkData()["node"]!["member"]!["coupons"]!["totalCount"]!.GetValue<int>());
        Assert.Equal("AUTH_NOT_AUTHORIZED", others.FirstErrorCode);
    }

    [Fact]
    public async Task Guides_see_their_customers_coupons_with_the_code_masked_and_no_one_elses()
    {
        // given
        var store = await Kit.Data.StoreAsync();
        var guide = await Kit.Data.GuideAsync(store.Id);
        var stranger = await Kit.Data.GuideAsync(store.Id);
        var customer = await Kit.Data.MemberAsync();
        await Kit.Data.RelationshipAsync(customer.Id, guide.Id);
        var coupon = await Kit.ClaimedAsync(await Kit.TemplateAsync(), customer.Id);
        const string query = "query ($id: ID!) { node(id: $id) { ... on Coupon { code status } } }";

        // when
        var own = await Gateway.GraphQLAsync(query, new { id = coupon.Str("id") }, Kit.Data.GuideToken(guide));
        var notOwn = await Gateway.GraphQLAsync(query, new { id = coupon.Str("id") }, Kit.Data.GuideToken(stranger));
        var staff = await Gateway.GraphQLAsync(query, new { id = coupon.Str("id") }, Kit.Data.StaffToken(store.Id));

        // then
        var full = coupon.Str("code");
        Assert.Equal($"{full[..4]}-****-****-{full[15..]}", own.OkData()["node"]!.Str("code"));
        Assert.Equal("AUTH_NOT_AUTHORIZED", notOwn.FirstErrorCode);
        Assert.Equal(full, staff.OkData()["node"]!.Str("code"));
    }

    private async Task<long> StatementsAsync(List<string> codes, string token)
    {
        var query = new StringBuilder("query {");
        for (var i = 0; i < codes.Count; i++)
        {
            query.Append($" c{i}: couponByCode(code: \"{codes[i]}\") {{ member {{ coupons(first: 5) {{ totalCount edges {{ node {{ id template {{ name }} }} }} }} }} }}");
        }

        query.Append(" }");
        var counter = Gateway.Service<SqlCommandCounter>();
        var before = counter.Count;
        var data = (await Gateway.GraphQLAsync(query.ToString(), token: token)).OkData();
        var after = counter.Count;
        Assert.All(Enumerable.Range(0, codes.Count), i => Assert.Equal(2, data[$"c{i}"]!["member"]!["coupons"]!["totalCount"]!.GetValue<int>()));
        return after - before;
    }
}

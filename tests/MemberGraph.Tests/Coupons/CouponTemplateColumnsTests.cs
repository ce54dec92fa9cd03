using System.Text.Json.Nodes;
using MemberGraph.Tests.Infrastructure;

namespace MemberGraph.Tests.Coupons;

/// <summary>
/// Coupon.template reads only the columns its selection declares (ColumnProjection). Every field of CouponTemplate,
/// selected alone under a coupon, must answer exactly what the whole row answers (node), so a field that reads a
/// column it does not declare fails here instead of showing members a default.
/// </summary>
public sealed class CouponTemplateColumnsTests : CouponGatewayTests
{
    [Fact]
    public async Task Every_template_field_selected_under_a_coupon_answers_what_the_whole_row_answers()
    {
        // given: a template with every optional part set, held by a member
        var store = await Kit.Data.StoreAsync();
        var templateId = await Kit.TemplateAsync(t =>
        {
            t["description"] = "仅限本店小程序下单";
            t["usableStoreIds"] = new[] { CouponKit.StoreId(store.Id) };
            t["usableChannels"] = new[] { "MINI_PROGRAM", "POS" };
            t["pointsPrice"] = 300;
            t["perMemberLimit"] = 2;
        });
        var member = await Kit.Data.MemberAsync();
        await Kit.ClaimedAsync(templateId, member.Id);
        var selections = await SelectionsAsync();
        var memberToken = Kit.Data.MemberToken(member.Id);

        // when / then: field by field, and all together
        Assert.True(selections.Count >= 18, $"only {selections.Count} fields found");
        foreach (var selection in selections.Append(string.Join(' ', selections)))
        {
            var whole = (await Gateway.GraphQLAsync($$"""query ($id: ID!) { node(id: $id) { ... on CouponTemplate { {{selection}} } } }""", new { id = templateId }, Kit.AdminToken))
                .OkData()["node"]!;
            var projected = (await Gateway.GraphQLAsync($$"""{ me { coupons(first: 1) { edges { node { template { {{selection}} } } } } } }""", token: memberToken))
                .OkData()["me"]!["coupons"]!["edges"]![0]!["node"]!["template"]!;
            Assert.True(JsonNode.DeepEquals(whole, projected), $"{selection}: {whole.ToJsonString()} vs {projected.ToJsonString()}");
        }
    }

    [Fact]
    public async Task Selections_made_up_to_vary_the_columns_stop_adding_query_shapes_and_still_answer_right()
    {
        // given: a member's coupon, and 90 selections with different sets of template fields
        var templateId = await Kit.TemplateAsync(t => t["description"] = "限时");
        var member = await Kit.Data.MemberAsync();
        await Kit.ClaimedAsync(templateId, member.Id);
        string[] fields = ["name", "kind", "thresholdCents", "totalStock", "issued", "remaining", "perMemberLimit", "claimable", "pointsPrice", "status", "createdAt", "description", "usableChannels", "partnerId"];
        var selections = fields.SelectMany((a, i) => fields.Skip(i + 1).Select(b => $"{a} {b}")).Take(90).ToList();
        var whole = (await Gateway.GraphQLAsync($$"""query ($id: ID!) { node(id: $id) { ... on CouponTemplate { {{string.Join(' ', fields)}} } } }""", new { id = templateId }, Kit.AdminToken))
            .OkData()["node"]!;

        // when
        foreach (var selection in selections)
        {
            var projected = (await Gateway.GraphQLAsync($$"""{ me { coupons(first: 1) { edges { node { template { {{selection}} } } } } } }""", token: Kit.Data.MemberToken(member.Id)))
                .OkData()["me"]!["coupons"]!["edges"]![0]!["node"]!["template"]!;

            // then: each answers what the whole row says
            foreach (var field in selection.Split(' '))
            {
                Assert.True(JsonNode.DeepEquals(whole[field], projected[field]), $"{selection}: {field}");
            }
        }

        // then: the shapes kept stay bounded (other tests of this process may have added some)
        Assert.InRange(MemberGraph.GraphQL.DataLoaders.ColumnProjection.Shapes<MemberGraph.Coupons.CouponTemplate>(), 1, MemberGraph.GraphQL.DataLoaders.ColumnProjection.MaxShapes + 4);
    }

    /// <summary>One selection per field of CouponTemplate, object fields with all their scalar fields (from introspection).</summary>
    private async Task<List<string>> SelectionsAsync()
    {
        const string introspection = """
            { __type(name: "CouponTemplate") { fields { name type { ...Named ofType { ...Named ofType { ...Named ofType { ...Named } } } } } } }
            fragment Named on __Type { kind name fields { name type { kind ofType { kind ofType { kind ofType { kind } } } } } }
            """;
        var fields = (await Gateway.GraphQLAsync(introspection, token: Kit.AdminToken)).OkData()["__type"]!["fields"]!.AsArray();
        return fields.Select(field =>
        {
            var named = Named(field!["type"]!);
            if (named["kind"]!.GetValue<string>() is not "OBJECT")
            {
                return field["name"]!.GetValue<string>();
            }

            var leaves = named["fields"]!.AsArray().Where(sub => Named(sub!["type"]!)["kind"]!.GetValue<string>() is "SCALAR" or "ENUM").Select(sub => sub!["name"]!.GetValue<string>());
            return $"{field["name"]!.GetValue<string>()} {{ {string.Join(' ', leaves)} }}";
        }).ToList();
    }

    private static JsonNode Named(JsonNode type) => type["ofType"] is { } inner && type["kind"]!.GetValue<string>() is "NON_NULL" or "LIST" ? Named(inner) : type;
}

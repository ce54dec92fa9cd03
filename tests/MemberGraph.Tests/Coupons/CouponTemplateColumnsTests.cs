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

using System.Text.Json.Nodes;
using MemberGraph.Tests.Coupons;
using MemberGraph.Tests.Infrastructure;

namespace MemberGraph.Tests.Partners;

/// <summary>
/// Each benefit field of <c>PartnerMember</c> needs a scope of the partner's token and the member's consent for a purpose:
/// one case per cell — the token's scopes × the member's consents × the way the partner reached the member (<c>_entities</c>
/// or <c>partnerMemberLookup</c>) — with the exact path and code of every refusal, and its message saying whether the scope
/// (checked first) or the consent is missing. The rest of the answer stands.
/// </summary>
public sealed class PartnerBenefitAuthorizationMatrixTests(GatewayFixture fixture) : IClassFixture<GatewayFixture>
{
    public enum Via
    {
        Entities,
        Lookup,
    }

    public enum Outcome
    {
        Answered,
        ScopeMissing,
        ConsentMissing,
    }

    private const Outcome A = Outcome.Answered;
    private const Outcome S = Outcome.ScopeMissing;
    private const Outcome C = Outcome.ConsentMissing;

    private static readonly string[] Fields = ["tierName", "coupons", "points"];

    /// <summary>Token scopes, member consents → tierName, coupons, points.</summary>
    private static readonly (string Scope, string[] Consents, Outcome[] Expected)[] Cells =
    [
        ("benefits:read points:exchange", ["BENEFITS", "POINTS_EXCHANGE"], [A, A, A]),
        ("benefits:read", ["BENEFITS", "POINTS_EXCHANGE"], [A, A, S]),
        ("points:exchange", ["BENEFITS", "POINTS_EXCHANGE"], [S, S, A]),
        ("benefits:redeem", ["BENEFITS", "POINTS_EXCHANGE"], [S, S, S]),
        ("benefits:read points:exchange", ["BENEFITS"], [A, A, C]),
        ("benefits:read points:exchange", ["POINTS_EXCHANGE"], [C, C, A]),
        ("benefits:read", ["POINTS_EXCHANGE"], [C, C, S]),
        ("points:exchange", ["BENEFITS"], [S, S, C]),
    ];

    public static TheoryData<Via, string, string, Outcome, Outcome, Outcome> Table()
    {
        var data = new TheoryData<Via, string, string, Outcome, Outcome, Outcome>();
        foreach (var via in Enum.GetValues<Via>())
        {
            foreach (var (scope, consents, expected) in Cells)
            {
                data.Add(via, scope, string.Join(' ', consents), expected[0], expected[1], expected[2]);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Table))]
    public async Task Each_benefit_field_answers_only_with_its_scope_and_its_consent(
        Via via, string scope, string consents, Outcome tierName, Outcome coupons, Outcome points)
    {
        // given: a partner allowed every scope; a member with its coupon and points, consenting as the cell says; a token
        // narrowed to the cell's scopes
        var kit = new PartnerKit(fixture.Gateway);
        var partner = await kit.RegisterAsync("BENEFITS_READ", "BENEFITS_REDEEM", "POINTS_EXCHANGE");
        var (member, phone, pairwise) = await kit.ConsentingAsync(partner, consents.Split(' '));
        await kit.ClaimedAsync(await kit.PartnerTemplateAsync(partner), member);
        await kit.PointsAsync(member, balance: 800, pending: 0);
        var token = await kit.TokenAsync(partner, scope);

        // when
        const string selection = "id tierName coupons { code } points { balance }";
        const string lookup = $"query ($phone: String!) {{ partnerMemberLookup(phone: $phone) {{ {selection} }} }}";
        var (answer, at) = via == Via.Entities
            ? (await kit.EntitiesAsync(token, selection, pairwise), new JsonArray("_entities", 0))
            : (await fixture.Gateway.GraphQLAsync(lookup, new { phone }, token), new JsonArray("partnerMemberLookup"));

        // then: the member itself is answered; each field as its cell says, each refusal at the field's own path
        var entity = via == Via.Entities ? answer.Data!["_entities"]![0]! : answer.Data!["partnerMemberLookup"]!;
        Assert.Equal(pairwise, entity.Str("id"));
        Outcome[] expected = [tierName, coupons, points];
        var errors = answer.Errors ?? [];
        Assert.True(errors.Count == expected.Count(o => o != A), answer.Body);
        for (var i = 0; i < Fields.Length; i++)
        {
            var field = Fields[i];
            var path = $"[{string.Join(',', at.Select(step => step!.ToJsonString()))},\"{field}\"]";
            var error = errors.SingleOrDefault(e => e!["path"]!.ToJsonString() == path);
            if (expected[i] == A)
            {
                Assert.True(error is null && entity[field] is not null, $"{field}: expected an answer, got: {answer.Body}");
                continue;
            }

            Assert.True(error is not null && entity[field] is null, $"{field}: expected null with an error at {path}, got: {answer.Body}");
            Assert.Equal("AUTH_NOT_AUTHORIZED", error["extensions"]!.Str("code"));
            var needed = field == "points" ? ("points:exchange", "POINTS_EXCHANGE") : ("benefits:read", "BENEFITS");
            Assert.Contains(expected[i] == S ? $"needs the scope {needed.Item1}," : $"do not consent to {needed.Item2} ", error.Str("message"));
        }

        Assert.True(entity["points"] is null || entity["points"]!["balance"]!.GetValue<long>() == 800, answer.Body);
        Assert.True(entity["tierName"] is null || entity.Str("tierName") == "普通", answer.Body);
    }
}

using System.Text.Json.Nodes;
using MemberGraph.Auth;
using MemberGraph.Tests.Infrastructure;

namespace MemberGraph.Tests.Partners;

/// <summary>
/// The gateway as an Apollo Federation v2 subgraph, over real HTTP: <c>_service { sdl }</c> with the federation link and the
/// <c>PartnerMember</c> key; <c>_entities</c> answering only the calling partner's members with live consent, each other
/// representation null with AUTH_NOT_AUTHORIZED at its own path; neither field for members, guides or staff.
/// </summary>
public sealed class PartnerFederationTests(GatewayFixture fixture) : IClassFixture<GatewayFixture>
{
    private const string Entities = """
        query ($representations: [_Any!]!) {
          _entities(representations: $representations) { __typename ... on PartnerMember { id displayName tierName } }
        }
        """;

    private GatewayHost Gateway => fixture.Gateway;

    private static object[] Representations(params string[] ids) =>
        ids.Select(id => (object)new Dictionary<string, string> { ["__typename"] = "PartnerMember", ["id"] = id }).ToArray();

    /// <summary>A member consenting to the partner for BENEFITS, and the pairwise id the partner knows them by.</summary>
    private static async Task<(long Member, string Pairwise)> ConsentingAsync(PartnerKit kit, RegisteredPartner partner, string token)
    {
        var (member, phone) = await kit.MemberAsync();
        await kit.GrantAsync(member, partner.Id);
        var pairwise = (await kit.ByPhoneAsync(token, phone)).OkData()["partnerMemberLookup"]!["id"]!.GetValue<string>();
        return (member, pairwise);
    }

    private static void AssertRefusedAt(GraphQLResponse answer, params int[] indexes)
    {
        var errors = answer.Errors ?? [];
        Assert.Equal(indexes.Length, errors.Count);
        foreach (var index in indexes)
        {
            Assert.Contains(errors, e => e!["extensions"]?["code"]?.GetValue<string>() == "AUTH_NOT_AUTHORIZED"
                                         && e["path"]!.ToJsonString() == $"[\"_entities\",{index}]");
        }
    }

    [Fact]
    public async Task The_service_sdl_is_a_federation_v2_subgraph_with_PartnerMember_keyed_by_id()
    {
        var kit = new PartnerKit(Gateway);
        var partner = await kit.RegisterAsync();
        var token = await kit.TokenAsync(partner);

        foreach (var caller in new[] { token, kit.AdminToken })
        {
            var sdl = (await Gateway.GraphQLAsync("{ _service { sdl } }", token: caller)).OkData()["_service"]!["sdl"]!.GetValue<string>();
            Assert.Contains("@link(", sdl);
            Assert.Contains("https://specs.apollo.dev/federation/v2.3", sdl);
            Assert.Matches("type PartnerMember @key\\(fields: \"id\"\\)", sdl);
        }
    }

    [Fact]
    public async Task A_consenting_member_resolves_with_the_benefit_fields()
    {
        var kit = new PartnerKit(Gateway);
        var partner = await kit.RegisterAsync();
        var token = await kit.TokenAsync(partner);
        var (_, pairwise) = await ConsentingAsync(kit, partner, token);

        var answer = await Gateway.GraphQLAsync(Entities, new { representations = Representations(pairwise) }, token);

        var entity = answer.OkData()["_entities"]!.AsArray().Single()!;
        Assert.Equal("PartnerMember", entity["__typename"]!.GetValue<string>());
        Assert.Equal(pairwise, entity["id"]!.GetValue<string>());
        Assert.Equal("M**", entity["displayName"]!.GetValue<string>());
        Assert.Equal("普通", entity["tierName"]!.GetValue<string>());
    }

    [Fact]
    public async Task After_a_revocation_the_next_request_gets_null_and_AUTH_NOT_AUTHORIZED_at_the_entity()
    {
        var kit = new PartnerKit(Gateway);
        var partner = await kit.RegisterAsync();
        var token = await kit.TokenAsync(partner);
        var (member, pairwise) = await ConsentingAsync(kit, partner, token);
        Assert.NotNull((await Gateway.GraphQLAsync(Entities, new { representations = Representations(pairwise) }, token)).OkData()["_entities"]![0]);

        await kit.RevokeAsync(member, partner.Id);
        var answer = await Gateway.GraphQLAsync(Entities, new { representations = Representations(pairwise) }, token);

        Assert.Null(answer.Data!["_entities"]![0]);
        AssertRefusedAt(answer, 0);
    }

    [Fact]
    public async Task Another_partner_gets_null_for_a_member_who_consents_to_someone_else()
    {
        var kit = new PartnerKit(Gateway);
        var partner = await kit.RegisterAsync();
        var other = await kit.RegisterAsync();
        var token = await kit.TokenAsync(partner);
        var (_, pairwise) = await ConsentingAsync(kit, partner, token);

        var answer = await Gateway.GraphQLAsync(Entities, new { representations = Representations(pairwise) }, await kit.TokenAsync(other));

        Assert.Null(answer.Data!["_entities"]![0]);
        AssertRefusedAt(answer, 0);
    }

    [Fact]
    public async Task A_mixed_list_answers_only_the_callers_consenting_members_in_order()
    {
        var kit = new PartnerKit(Gateway);
        var partner = await kit.RegisterAsync();
        var other = await kit.RegisterAsync();
        var token = await kit.TokenAsync(partner);
        var otherToken = await kit.TokenAsync(other);
        var (_, first) = await ConsentingAsync(kit, partner, token);
        var (_, second) = await ConsentingAsync(kit, partner, token);
        var (revoking, revoked) = await ConsentingAsync(kit, partner, token);
        await kit.RevokeAsync(revoking, partner.Id);
        var (_, othersMember) = await ConsentingAsync(kit, other, otherToken);

        var answer = await Gateway.GraphQLAsync(
            Entities, new { representations = Representations(first, "0000000000000000000000ZZ", second, revoked, othersMember) }, token);

        var entities = answer.Data!["_entities"]!.AsArray();
        Assert.Equal(5, entities.Count);
        Assert.Equal(first, entities[0]!["id"]!.GetValue<string>());
        Assert.Null(entities[1]);
        Assert.Equal(second, entities[2]!["id"]!.GetValue<string>());
        Assert.Null(entities[3]);
        Assert.Null(entities[4]);
        AssertRefusedAt(answer, 1, 3, 4);
    }

    [Theory]
    [InlineData(Roles.Member)]
    [InlineData(Roles.Guide)]
    [InlineData(Roles.Staff)]
    public async Task Members_guides_and_staff_may_select_neither_field(string role)
    {
        var token = Gateway.Token(new TokenSubject(role, MemberId: 1, GuideId: 1, StoreId: 1));

        var service = await Gateway.GraphQLAsync("{ _service { sdl } }", token: token);
        var entities = await Gateway.GraphQLAsync(Entities, new { representations = Representations("0000000000000000000000ZZ") }, token);

        Assert.Equal("AUTH_NOT_AUTHORIZED", service.FirstErrorCode);
        Assert.Null(service.Data);
        Assert.Equal("AUTH_NOT_AUTHORIZED", entities.FirstErrorCode);
        Assert.Null(entities.Data);
    }

    [Fact]
    public async Task Admins_read_the_sdl_but_resolve_no_entities()
    {
        var kit = new PartnerKit(Gateway);

        var answer = await Gateway.GraphQLAsync(Entities, new { representations = Representations("0000000000000000000000ZZ") }, kit.AdminToken);

        Assert.Equal("AUTH_NOT_AUTHORIZED", answer.FirstErrorCode);
        Assert.Null(answer.Data);
    }
}

using System.Text.Json.Nodes;
using GraphQL;
using GraphQL.Types;
using MemberGraph.Auth;
using MemberGraph.Domain;
using MemberGraph.Guides;
using MemberGraph.GraphQL;
using MemberGraph.GraphQL.Authorization;
using MemberGraph.Members;
using MemberGraph.Stores;
using MemberGraph.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace MemberGraph.Tests.Guides;

/// <summary>
/// One rule for a guide reading a customer, whichever way they ask — member(id:), node(id:), sidebarContext: their own
/// customer in full; a store colleague's customer on the reduced card (id, displayName, tier, exclusiveGuide,
/// serviceStore, status; every other Member field, and the sidebar's maskedPhone, channelStatus and openingGuide, null
/// with AUTH_NOT_AUTHORIZED at its own path); a customer of another store's guide refused as a whole. The selection is
/// every field the schema's Member has, so a field added later is checked too.
/// </summary>
public sealed class StoreColleagueCardTests(GatewayFixture fixture) : IClassFixture<GatewayFixture>
{
    private static readonly string[] ShownMemberFields = ["id", "displayName", "tier", "exclusiveGuide", "serviceStore", "status"];
    private static readonly string[] RefusedSidebarFields = ["maskedPhone", "channelStatus", "openingGuide"];

    public enum Viewer
    {
        OwnGuide,
        StoreColleague,
        GuideOfAnotherStore,
    }

    public static TheoryData<string, Viewer> Cases()
    {
        var cases = new TheoryData<string, Viewer>();
        foreach (var through in new[] { "member", "node", "sidebarContext" })
        {
            foreach (var viewer in Enum.GetValues<Viewer>())
            {
                cases.Add(through, viewer);
            }
        }

        return cases;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task A_guide_reads_a_customer_by_one_rule_whichever_way_they_ask(string through, Viewer viewer)
    {
        // given: the customer's exclusive guide in store A, a colleague of that guide in store A, a guide of store B
        var world = await World.BuildAsync(fixture.Gateway);
        var (document, variables, memberPath) = Request(through, world, MemberSelection(fixture.Gateway));

        // when
        var response = await fixture.Gateway.GraphQLAsync(document, variables, world.TokenOf(viewer));

        // then
        switch (viewer)
        {
            case Viewer.OwnGuide:
                // the full card: nothing refused but memberCode, which only the member themselves may ever ask for
                Assert.All(response.Errors ?? [], e => Assert.Equal("memberCode", e!["path"]!.AsArray().Last()!.GetValue<string>()));
                var member = At(response.Data, memberPath)!;
                Assert.Equal(Masking.Phone(world.Customer.Phone), member["phone"]!.GetValue<string>());
                string[] shownInFull = ["channelStatus", "identities", "coupons", "orders", "points", "tags", "registeredAt"];
                Assert.All(shownInFull, f => Assert.NotNull(member[f]));
                if (through == "sidebarContext")
                {
                    var card = response.Data!["sidebarContext"]!;
                    Assert.True(card["canAct"]!.GetValue<bool>());
                    Assert.All(RefusedSidebarFields.Append("relationship"), f => Assert.NotNull(card[f]));
                }

                break;

            case Viewer.StoreColleague:
                var refused = MemberFieldNames(fixture.Gateway).Except(ShownMemberFields).Select(f => Path(memberPath, f)).ToList();
                if (through == "sidebarContext")
                {
                    refused.AddRange(RefusedSidebarFields.Select(f => Path(["sidebarContext"], f)));
                }

                var errors = response.Errors?.Select(e => e!).ToList() ?? [];
                Assert.Equal(refused.Order(), errors.Select(e => string.Join('.', e["path"]!.AsArray().Select(p => p!.ToString()))).Order());
                Assert.All(errors, e =>
                {
                    Assert.Equal(ErrorCodes.NotAuthorized, e["extensions"]!["code"]!.GetValue<string>());
                    Assert.Equal(ReducedCard.Refusal, e["message"]!.GetValue<string>());
                });
                Assert.All(refused, path => Assert.Null(At(response.Data, path.Split('.'))));

                var reduced = At(response.Data, memberPath)!;
                Assert.Equal(world.CustomerId, reduced["id"]!.GetValue<string>());
                Assert.Equal(world.Customer.DisplayName, reduced["displayName"]!.GetValue<string>());
                Assert.Equal("ACTIVE", reduced["status"]!.GetValue<string>());
                Assert.All(new[] { "tier", "exclusiveGuide", "serviceStore" }, f => Assert.NotNull(reduced[f]));
                if (through == "sidebarContext")
                {
                    var card = response.Data!["sidebarContext"]!;
                    Assert.False(card["canAct"]!.GetValue<bool>());
                    Assert.Null(card["relationship"]);
                    Assert.Equal(world.Own.GuideCode, card["exclusiveGuide"]!["guideCode"]!.GetValue<string>());
                    Assert.Equal(world.StoreA.Code, card["serviceStore"]!["code"]!.GetValue<string>());
                }

                break;

            default:
                Assert.Equal(ErrorCodes.NotAuthorized, response.FirstErrorCode);
                Assert.Equal([through], response.Errors![0]!["path"]!.AsArray().Select(p => p!.GetValue<string>()));
                Assert.Null(response.Data?[through]);
                break;
        }
    }

    [Fact]
    public async Task A_store_colleague_who_read_the_reduced_card_still_may_not_act_on_the_customer()
    {
        // given: a MANUAL tag; the colleague opens the customer's card in the same request as trying to tag them
        var world = await World.BuildAsync(fixture.Gateway);
        var key = $"colleague_{TestData.Next()}";
        (await fixture.Gateway.GraphQLAsync("mutation($i: DefineTagInput!) { defineTag(input: $i) { errors { code } } }",
            new { i = new { key, name = "同店同事", kind = "MANUAL" } }, world.Data.AdminToken())).OkData();
        var id = world.CustomerId;

        // when
        var colleague = world.TokenOf(Viewer.StoreColleague);
        var card = await fixture.Gateway.GraphQLAsync("query($id: ID!) { member(id: $id) { displayName } }", new { id }, colleague);
        var tagged = await fixture.Gateway.GraphQLAsync("mutation($i: TagMemberInput!) { tagMember(input: $i) { tagged errors { code } } }",
            new { i = new { memberId = id, key } }, colleague);

        // then
        Assert.Equal(world.Customer.DisplayName, card.OkData()["member"]!["displayName"]!.GetValue<string>());
        Assert.Equal("NOT_YOUR_CUSTOMER", tagged.OkData()["tagMember"]!["errors"]![0]!["code"]!.GetValue<string>());
        await using var db = fixture.Gateway.Db();
        Assert.False(await db.MemberTags.AnyAsync(t => t.MemberId == world.Customer.Id));
    }

    [Fact]
    public async Task A_store_colleague_is_not_given_the_customer_in_the_members_list()
    {
        // given
        var world = await World.BuildAsync(fixture.Gateway);

        // when
        var response = await fixture.Gateway.GraphQLAsync("{ members(first: 100) { edges { node { id } } } }",
            token: world.TokenOf(Viewer.StoreColleague));

        // then
        Assert.DoesNotContain(world.CustomerId,
            response.OkData()["members"]!["edges"]!.AsArray().Select(e => e!["node"]!["id"]!.GetValue<string>()));
    }

    [Fact]
    public async Task A_field_a_feature_adds_to_Member_is_refused_on_the_reduced_card_until_allowed()
    {
        // given: a gateway with one more IMemberFields, as a new feature would add it
        await using var gateway = await GatewayHost.StartAsync(services: s => s.AddSingleton<IMemberFields, NoteField>());
        var world = await World.BuildAsync(gateway);
        const string Document = "query($id: ID!) { member(id: $id) { displayName note } }";
        var id = world.CustomerId;

        // when
        var own = await gateway.GraphQLAsync(Document, new { id }, world.TokenOf(Viewer.OwnGuide));
        var colleague = await gateway.GraphQLAsync(Document, new { id }, world.TokenOf(Viewer.StoreColleague));

        // then
        Assert.Equal("a note", own.OkData()["member"]!["note"]!.GetValue<string>());
        Assert.Equal(ErrorCodes.NotAuthorized, colleague.FirstErrorCode);
        Assert.Equal(["member", "note"], colleague.Errors![0]!["path"]!.AsArray().Select(p => p!.GetValue<string>()));
        Assert.Null(colleague.Data!["member"]!["note"]);
        Assert.Equal(world.Customer.DisplayName, colleague.Data!["member"]!["displayName"]!.GetValue<string>());
    }

    [Fact]
    public void A_non_null_field_a_feature_adds_stops_the_schema_rather_than_null_the_whole_card() =>
        Assert.Contains("Member.flag", Assert.Throws<InvalidOperationException>(() => new MemberType([new NonNullFlagField()])).Message);

    private sealed class NoteField : IMemberFields
    {
        public void AddTo(MemberType member) => member.Field<StringGraphType>("note").Description("A test field.").Resolve(_ => "a note");
    }

    private sealed class NonNullFlagField : IMemberFields
    {
        public void AddTo(MemberType member) =>
            member.Field<NonNullGraphType<BooleanGraphType>>("flag").Description("A test field.").Resolve(_ => true);
    }

    /// <summary>Every field of the schema's Member: leaf fields by name, the others with <c>__typename</c>.</summary>
    private static string MemberSelection(GatewayHost gateway) =>
        string.Join(' ', GuideSelectableMemberFields(gateway)
            .Select(f => f.ResolvedType!.GetNamedType() is ScalarGraphType ? f.Name : $"{f.Name} {{ __typename }}"));

    private static IEnumerable<string> MemberFieldNames(GatewayHost gateway) => GuideSelectableMemberFields(gateway).Select(f => f.Name);

    /// <summary>
    /// Every Member field a guide's token may select at all (a field its role may not select refuses the whole document before
    /// anything runs, which other tests cover), so a field added later is checked here without anyone listing it.
    /// </summary>
    private static IEnumerable<FieldType> GuideSelectableMemberFields(GatewayHost gateway) =>
        SchemaMember(gateway).Fields.Where(f => f.RequiredRoles() is not { } roles || roles.Contains(Roles.Guide));

    private static IObjectGraphType SchemaMember(GatewayHost gateway)
    {
        var schema = gateway.Service<ISchema>();
        schema.Initialize();
        return (IObjectGraphType)schema.AllTypes["Member"]!;
    }

    private static (string Document, object Variables, string[] MemberPath) Request(string through, World world, string selection) => through switch
    {
        "member" => ($"query($id: ID!) {{ member(id: $id) {{ {selection} }} }}", new { id = world.CustomerId }, ["member"]),
        "node" => ($"query($id: ID!) {{ node(id: $id) {{ ... on Member {{ {selection} }} }} }}", new { id = world.CustomerId }, ["node"]),
        _ => ("query($e: String!) { sidebarContext(externalUserId: $e) { canAct maskedPhone channelStatus { registered } openingGuide { guideCode } " +
              $"exclusiveGuide {{ guideCode }} serviceStore {{ code }} relationship {{ kind }} member {{ {selection} }} }} }}",
            new { e = world.ExternalUserId }, ["sidebarContext", "member"]),
    };

    private static string Path(IEnumerable<string> prefix, string field) => string.Join('.', prefix.Append(field));

    private static JsonNode? At(JsonNode? data, IEnumerable<string> path)
    {
        foreach (var step in path)
        {
            data = data?[step];
        }

        return data;
    }

    private sealed record World(TestData Data, Store StoreA, Guide Own, Guide Colleague, Guide Foreign, Member Customer, string ExternalUserId)
    {
        public string CustomerId => GlobalId.Encode("Member", Customer.Id);

        public static async Task<World> BuildAsync(GatewayHost gateway)
        {
            var data = new TestData(gateway);
            var (storeA, storeB) = (await data.StoreAsync(), await data.StoreAsync());
            var (own, colleague, foreign) = (await data.GuideAsync(storeA.Id), await data.GuideAsync(storeA.Id), await data.GuideAsync(storeB.Id));
            var external = WeComTestHost.ExternalUserId();
            var customer = await data.MemberAsync($"139{TestData.Next():00000000}", null, (IdentityChannel.WecomExternalUserid, external));
            await data.RelationshipAsync(customer.Id, own.Id, GuideRelationshipKind.Exclusive, RelationshipSource.WeComAddContact);
            return new World(data, storeA, own, colleague, foreign, customer, external);
        }

        public string TokenOf(Viewer viewer) => Data.GuideToken(viewer switch
        {
            Viewer.OwnGuide => Own,
            Viewer.StoreColleague => Colleague,
            _ => Foreign,
        });
    }
}

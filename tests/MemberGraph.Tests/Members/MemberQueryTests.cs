using System.Text.Json.Nodes;
using MemberGraph.Domain;
using MemberGraph.Guides;
using MemberGraph.GraphQL;
using MemberGraph.Members;
using MemberGraph.Tests.Infrastructure;

namespace MemberGraph.Tests.Members;

/// <summary>member, members and node as each role sees them; one gateway for the class, each test lists members of its own stores.</summary>
public sealed class MemberQueryTests(GatewayFixture fixture) : IClassFixture<GatewayFixture>
{
    private const string ById = "query($id: ID!) { member(id: $id) { id status birthday exclusiveGuide { id name guideCode store { code } } serviceStore { code } } }";
    private const string List = "query($where: MemberFilterInput) { members(first: 100, where: $where) { totalCount edges { node { id } } } }";

    private readonly GatewayHost _gateway = fixture.Gateway;
    private readonly TestData _data = new(fixture.Gateway);

    [Fact]
    public async Task The_id_of_a_merged_member_resolves_to_the_survivor()
    {
        // given
        var store = await _data.StoreAsync();
        var guide = await _data.GuideAsync(store.Id);
        var survivor = await _data.MemberAsync("13900001111");
        var merged = await _data.MemberAsync();
        await _data.RelationshipAsync(survivor.Id, guide.Id);
        await _data.MarkMergedAsync(merged.Id, survivor.Id);

        // when
        var asAdmin = await _gateway.GraphQLAsync(ById, new { id = Id(merged.Id) }, _data.AdminToken());
        var asGuide = await _gateway.GraphQLAsync(ById, new { id = Id(merged.Id) }, _data.GuideToken(guide));
        var asNode = await _gateway.GraphQLAsync("query($id: ID!) { node(id: $id) { id } }", new { id = Id(merged.Id) }, _data.StaffToken(store.Id));

        // then
        Assert.Equal(Id(survivor.Id), asAdmin.OkData()["member"]!["id"]!.GetValue<string>());
        Assert.Equal("ACTIVE", asAdmin.OkData()["member"]!["status"]!.GetValue<string>());
        Assert.Equal(Id(survivor.Id), asGuide.OkData()["member"]!["id"]!.GetValue<string>());
        Assert.Equal(Id(survivor.Id), asNode.OkData()["node"]!["id"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_member_shows_their_exclusive_guide_and_service_store()
    {
        // given
        var store = await _data.StoreAsync();
        var followed = await _data.StoreAsync();
        var guide = await _data.GuideAsync(store.Id);
        var member = await _data.MemberAsync("13900002222");
        var followOnly = await _data.MemberAsync("13900003333");
        await _data.RelationshipAsync(member.Id, guide.Id);
        await _data.RelationshipAsync(member.Id, (await _data.GuideAsync(followed.Id)).Id, GuideRelationshipKind.Follow);
        await _data.RelationshipAsync(followOnly.Id, guide.Id, GuideRelationshipKind.Follow);

        // when
        var withGuide = (await _gateway.GraphQLAsync(ById, new { id = Id(member.Id) }, _data.MemberToken(member.Id))).OkData()["member"]!;
        var withoutGuide = (await _gateway.GraphQLAsync(ById, new { id = Id(followOnly.Id) }, _data.GuideToken(guide))).OkData()["member"]!;

        // then
        Assert.Equal(GlobalId.Encode("Guide", guide.Id), withGuide["exclusiveGuide"]!["id"]!.GetValue<string>());
        Assert.Equal(guide.GuideCode, withGuide["exclusiveGuide"]!["guideCode"]!.GetValue<string>());
        Assert.Equal(store.Code, withGuide["exclusiveGuide"]!["store"]!["code"]!.GetValue<string>());
        Assert.Equal(store.Code, withGuide["serviceStore"]!["code"]!.GetValue<string>());
        Assert.Null(withoutGuide["exclusiveGuide"]);
        Assert.Null(withoutGuide["serviceStore"]);
    }

    [Fact]
    public async Task Others_see_only_the_month_of_a_birthday()
    {
        // given
        var store = await _data.StoreAsync();
        var guide = await _data.GuideAsync(store.Id);
        var member = await _data.MemberAsync("13900004444");
        await _data.RelationshipAsync(member.Id, guide.Id);
        await using (var db = _gateway.Db())
        {
            (await db.Members.FindAsync(member.Id))!.Birthday = new DateOnly(1990, 7, 23);
            await db.SaveChangesAsync();
        }

        // when
        var self = await _gateway.GraphQLAsync(ById, new { id = Id(member.Id) }, _data.MemberToken(member.Id));
        var byGuide = await _gateway.GraphQLAsync(ById, new { id = Id(member.Id) }, _data.GuideToken(guide));

        // then
        Assert.Equal("1990-07-23", self.OkData()["member"]!["birthday"]!.GetValue<string>());
        Assert.Equal("2000-07-01", byGuide.OkData()["member"]!["birthday"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_guide_loses_sight_of_a_member_when_the_relationship_ends()
    {
        // given
        var store = await _data.StoreAsync();
        var guide = await _data.GuideAsync(store.Id);
        var member = await _data.MemberAsync("13900005555");
        var relationship = await _data.RelationshipAsync(member.Id, guide.Id);
        await using (var db = _gateway.Db())
        {
            (await db.GuideRelationships.FindAsync(relationship.Id))!.EndedAt = DateTime.UtcNow;
            await db.SaveChangesAsync();
        }

        // when
        var byId = await _gateway.GraphQLAsync(ById, new { id = Id(member.Id) }, _data.GuideToken(guide));
        var list = await _gateway.GraphQLAsync(List, null, _data.GuideToken(guide));
        var staffList = await _gateway.GraphQLAsync(List, null, _data.StaffToken(store.Id));

        // then
        Assert.Equal(ErrorCodes.NotAuthorized, byId.FirstErrorCode);
        Assert.Empty(Ids(list));
        Assert.Empty(Ids(staffList));
    }

    [Fact]
    public async Task Members_can_be_filtered_by_phone_registration_store_and_name()
    {
        // given
        var store = await _data.StoreAsync();
        var otherStore = await _data.StoreAsync();
        var guide = await _data.GuideAsync(store.Id);
        var otherGuide = await _data.GuideAsync(otherStore.Id);
        var registered = await _data.MemberAsync("13900006666");
        var visitor = await _data.MemberAsync();
        var elsewhere = await _data.MemberAsync("13900007777");
        await _data.RelationshipAsync(registered.Id, guide.Id);
        await _data.RelationshipAsync(visitor.Id, guide.Id, GuideRelationshipKind.Follow);
        await _data.RelationshipAsync(elsewhere.Id, otherGuide.Id);
        var admin = _data.AdminToken();

        // when
        var byPhone = await _gateway.GraphQLAsync(List, new { where = new { phone = "13900006666" } }, admin);
        var byStore = await _gateway.GraphQLAsync(List, new { where = new { storeId = GlobalId.Encode("Store", store.Id) } }, admin);
        var visitorsOfStore = await _gateway.GraphQLAsync(List, new { where = new { storeId = GlobalId.Encode("Store", store.Id), registered = false } }, admin);
        var byName = await _gateway.GraphQLAsync(List, new { where = new { nameContains = elsewhere.DisplayName } }, admin);
        var staffOwnStore = await _gateway.GraphQLAsync(List, new { where = new { registered = true } }, _data.StaffToken(store.Id));

        // then
        Assert.Equal([Id(registered.Id)], Ids(byPhone));
        Assert.Equal([Id(registered.Id), Id(visitor.Id)], Ids(byStore));
        Assert.Equal([Id(visitor.Id)], Ids(visitorsOfStore));
        Assert.Equal([Id(elsewhere.Id)], Ids(byName));
        Assert.Equal([Id(registered.Id)], Ids(staffOwnStore));
        Assert.Equal(2, byStore.OkData()["members"]!["totalCount"]!.GetValue<int>());
    }

    [Fact]
    public async Task Asking_for_another_stores_members_is_refused_not_answered_empty()
    {
        // given
        var store = await _data.StoreAsync();
        var otherStore = await _data.StoreAsync();
        var guide = await _data.GuideAsync(store.Id);
        var where = new { where = new { storeId = GlobalId.Encode("Store", otherStore.Id) } };

        // when
        var byGuide = await _gateway.GraphQLAsync(List, where, _data.GuideToken(guide));
        var byStaff = await _gateway.GraphQLAsync(List, where, _data.StaffToken(store.Id));
        var notAStore = await _gateway.GraphQLAsync(List, new { where = new { storeId = GlobalId.Encode("Member", 1) } }, _data.AdminToken());

        // then
        Assert.Equal(ErrorCodes.NotAuthorized, byGuide.FirstErrorCode);
        Assert.Equal(ErrorCodes.NotAuthorized, byStaff.FirstErrorCode);
        Assert.Equal(ErrorCodes.BadUserInput, notAStore.FirstErrorCode);
    }

    [Fact]
    public async Task Unknown_ids_are_null_for_an_admin_and_refused_for_everyone_else()
    {
        // given
        var store = await _data.StoreAsync();
        var guide = await _data.GuideAsync(store.Id);
        var unknown = new { id = Id(987_654) };

        // when
        var byAdmin = await _gateway.GraphQLAsync(ById, unknown, _data.AdminToken());
        var byGuide = await _gateway.GraphQLAsync(ById, unknown, _data.GuideToken(guide));
        var wrongType = await _gateway.GraphQLAsync(ById, new { id = GlobalId.Encode("Store", store.Id) }, _data.AdminToken());

        // then
        Assert.Null(byAdmin.OkData()["member"]);
        Assert.Equal(ErrorCodes.NotAuthorized, byGuide.FirstErrorCode);
        Assert.Equal(ErrorCodes.BadUserInput, wrongType.FirstErrorCode);
    }

    [Fact]
    public async Task Node_refetches_stores_and_guides()
    {
        // given
        var store = await _data.StoreAsync();
        var guide = await _data.GuideAsync(store.Id);
        const string Node = "query($id: ID!) { node(id: $id) { id ... on Store { code } ... on Guide { guideCode store { code } } } }";

        // when
        var storeNode = await _gateway.GraphQLAsync(Node, new { id = GlobalId.Encode("Store", store.Id) }, _data.MemberToken(1));
        var guideNode = await _gateway.GraphQLAsync(Node, new { id = GlobalId.Encode("Guide", guide.Id) }, _data.StaffToken(store.Id));
        var guideByPartner = await _gateway.GraphQLAsync(Node, new { id = GlobalId.Encode("Guide", guide.Id) },
            _gateway.Token(new Auth.TokenSubject(Auth.Roles.Partner, PartnerId: 1)));

        // then
        Assert.Equal(store.Code, storeNode.OkData()["node"]!["code"]!.GetValue<string>());
        Assert.Equal(guide.GuideCode, guideNode.OkData()["node"]!["guideCode"]!.GetValue<string>());
        Assert.Equal(store.Code, guideNode.OkData()["node"]!["store"]!["code"]!.GetValue<string>());
        Assert.Equal(ErrorCodes.NotAuthorized, guideByPartner.FirstErrorCode);
    }

    private static string Id(long key) => GlobalId.Encode("Member", key);

    private static List<string> Ids(GraphQLResponse response) =>
        response.OkData()["members"]!["edges"]!.AsArray().Select(e => e!["node"]!["id"]!.GetValue<string>()).ToList();
}

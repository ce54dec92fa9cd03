using MemberGraph.Auth;
using MemberGraph.Domain;
using MemberGraph.Tests.Infrastructure;

namespace MemberGraph.Tests.Stores;

/// <summary><c>myStore</c>: the store of a staff token (the store tool shows it and checks the token with it at sign-in).</summary>
public sealed class MyStoreTests(GatewayFixture fixture) : IClassFixture<GatewayFixture>
{
    private const string MyStore = "{ myStore { id code name city } }";

    private readonly TestData _data = new(fixture.Gateway);

    [Fact]
    public async Task Staff_get_the_store_of_their_token()
    {
        // given
        var store = await _data.StoreAsync();
        await _data.StoreAsync(); // another store, not theirs

        // when
        var answer = await fixture.Gateway.GraphQLAsync(MyStore, null, _data.StaffToken(store.Id));

        // then
        var mine = answer.OkData()["myStore"]!;
        Assert.Equal(GlobalId.Encode("Store", store.Id), mine["id"]!.GetValue<string>());
        Assert.Equal(store.Code, mine["code"]!.GetValue<string>());
        Assert.Equal(store.Name, mine["name"]!.GetValue<string>());
        Assert.Equal("上海", mine["city"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_staff_token_naming_a_store_that_does_not_exist_gets_null()
    {
        var answer = await fixture.Gateway.GraphQLAsync(MyStore, null, _data.StaffToken(987_654));

        Assert.Null(answer.OkData()["myStore"]);
    }

    [Fact]
    public async Task Only_staff_may_ask_members_guides_admins_and_anonymous_callers_are_refused()
    {
        // given
        var store = await _data.StoreAsync();
        var guide = await _data.GuideAsync(store.Id);
        var member = await _data.MemberAsync();
        var refused = new Dictionary<string, string?>
        {
            ["member"] = _data.MemberToken(member.Id),
            ["guide"] = _data.GuideToken(guide),
            ["admin"] = _data.AdminToken(),
            ["ingestion"] = fixture.Gateway.Token(new TokenSubject(Roles.Ingestion)),
        };

        foreach (var (role, token) in refused)
        {
            // when
            var answer = await fixture.Gateway.GraphQLAsync(MyStore, null, token);

            // then: the whole document is refused before anything runs
            Assert.True(answer.Data is null || answer.Data["myStore"] is null, $"{role}: {answer.Body}");
            Assert.True(answer.FirstErrorCode == "AUTH_NOT_AUTHORIZED", $"{role}: {answer.Body}");
        }

        var anonymous = await fixture.Gateway.GraphQLAsync(MyStore);
        Assert.Equal("AUTH_NOT_AUTHENTICATED", anonymous.FirstErrorCode);
    }
}

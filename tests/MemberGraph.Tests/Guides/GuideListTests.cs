using MemberGraph.Auth;
using MemberGraph.Data;
using MemberGraph.Domain;
using MemberGraph.GraphQL;
using MemberGraph.Guides;
using MemberGraph.Tests.Infrastructure;

namespace MemberGraph.Tests.Guides;

/// <summary><c>guides(storeId:, first:, after:)</c>: the back office's and the store's list of guides.</summary>
public sealed class GuideListTests : IAsyncLifetime
{
    private const string Page = """
        query($storeId: ID, $first: Int, $after: String) {
          guides(storeId: $storeId, first: $first, after: $after) {
            totalCount pageInfo { hasNextPage endCursor }
            edges { node { id name status store { code } } }
          }
        }
        """;

    private GatewayHost _gateway = null!;

    public async Task InitializeAsync() => _gateway = await GatewayHost.StartAsync();

    public async Task DisposeAsync() => await _gateway.DisposeAsync();

    [Fact]
    public async Task Each_role_lists_the_guides_it_may_see()
    {
        // given: two stores with two guides each
        var data = new TestData(_gateway);
        var (here, there) = (await data.StoreAsync(), await data.StoreAsync());
        var guide = await data.GuideAsync(here.Id);
        await data.GuideAsync(here.Id);
        await data.GuideAsync(there.Id);
        await data.GuideAsync(there.Id);
        var member = await data.MemberAsync();
        var (hereId, thereId) = (GlobalId.Encode("Store", here.Id), GlobalId.Encode("Store", there.Id));

        // when / then: admin any store (global id or plain key), staff and guides their own, everyone else refused
        Assert.Equal(2, await CountAsync(data.AdminToken(), thereId));
        Assert.Equal(2, await CountAsync(data.AdminToken(), there.Id.ToString()));
        Assert.Equal(2, await CountAsync(data.StaffToken(here.Id), null));
        Assert.Equal(2, await CountAsync(data.StaffToken(here.Id), hereId));
        Assert.Equal(2, await CountAsync(data.GuideToken(guide), null));
        Assert.Equal("AUTH_NOT_AUTHORIZED", (await _gateway.GraphQLAsync(Page, new { storeId = thereId }, data.StaffToken(here.Id))).FirstErrorCode);
        Assert.Equal("AUTH_NOT_AUTHORIZED", (await _gateway.GraphQLAsync(Page, new { storeId = thereId }, data.GuideToken(guide))).FirstErrorCode);
        Assert.Equal("AUTH_NOT_AUTHORIZED", (await _gateway.GraphQLAsync(Page, new { storeId = hereId }, data.MemberToken(member.Id))).FirstErrorCode);
        Assert.Equal("AUTH_NOT_AUTHORIZED", (await _gateway.GraphQLAsync(Page, new { storeId = hereId }, _gateway.Token(new TokenSubject(Roles.Partner, PartnerId: 1)))).FirstErrorCode);
        Assert.Equal("AUTH_NOT_AUTHORIZED", (await _gateway.GraphQLAsync(Page, new { storeId = hereId }, _gateway.Token(new TokenSubject(Roles.Ingestion)))).FirstErrorCode);
        Assert.Equal("AUTH_NOT_AUTHENTICATED", (await _gateway.GraphQLAsync(Page, new { storeId = hereId })).FirstErrorCode);
    }

    [Fact]
    public async Task A_page_of_100_guides_costs_the_sql_statements_of_a_page_of_10()
    {
        // given: 120 guides over 12 stores
        var data = new TestData(_gateway);
        for (var s = 0; s < 12; s++)
        {
            var store = await data.StoreAsync();
            await using var db = _gateway.Db();
            for (var g = 0; g < 10; g++)
            {
                var n = TestData.Next();
                db.Guides.Add(new Guide { StoreId = store.Id, Name = $"Guide {n}", WeComUserId = $"wl{n}", GuideCode = $"GL{n:0000}" });
            }

            await db.SaveChangesAsync();
        }

        var counter = _gateway.Service<SqlCommandCounter>();

        // when
        var before10 = counter.Count;
        var page10 = (await _gateway.GraphQLAsync(Page, new { first = 10 }, data.AdminToken())).OkData()["guides"]!;
        var commands10 = counter.Count - before10;
        var before100 = counter.Count;
        var page100 = (await _gateway.GraphQLAsync(Page, new { first = 100 }, data.AdminToken())).OkData()["guides"]!;
        var commands100 = counter.Count - before100;
        var next = (await _gateway.GraphQLAsync(Page, new { first = 100, after = page100["pageInfo"]!["endCursor"]!.GetValue<string>() }, data.AdminToken())).OkData()["guides"]!;

        // then: 10 and 100 rows with their stores, the same statements (page, count, stores), and the rest on the next page
        Assert.Equal(10, page10["edges"]!.AsArray().Count);
        Assert.Equal(100, page100["edges"]!.AsArray().Count);
        Assert.All(page100["edges"]!.AsArray(), e => Assert.NotNull(e!["node"]!["store"]!["code"]));
        Assert.Equal(120, page100["totalCount"]!.GetValue<int>());
        Assert.Equal(20, next["edges"]!.AsArray().Count);
        Assert.False(next["pageInfo"]!["hasNextPage"]!.GetValue<bool>());
        Assert.Equal(commands10, commands100);
    }

    private async Task<int> CountAsync(string token, string? storeId)
    {
        var guides = (await _gateway.GraphQLAsync(Page, new { storeId }, token)).OkData()["guides"]!;
        Assert.Equal(guides["totalCount"]!.GetValue<int>(), guides["edges"]!.AsArray().Count);
        return guides["totalCount"]!.GetValue<int>();
    }
}

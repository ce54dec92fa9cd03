using MemberGraph.Data;
using MemberGraph.Guides;
using MemberGraph.Members;
using MemberGraph.Tests.Infrastructure;

namespace MemberGraph.Tests.Members;

public sealed class MemberDataLoaderTests : IAsyncLifetime
{
    private const string Page = """
        query($first: Int) {
          members(first: $first) {
            edges { node { id identities { channel externalId } exclusiveGuide { name store { name } } serviceStore { name } } }
          }
        }
        """;

    private GatewayHost _gateway = null!;

    public async Task InitializeAsync() => _gateway = await GatewayHost.StartAsync();

    public async Task DisposeAsync() => await _gateway.DisposeAsync();

    [Fact]
    public async Task A_page_of_100_members_with_their_relations_takes_as_many_sql_commands_as_a_page_of_10()
    {
        // given: 120 members, each with two identities and an exclusive guide, guides spread over three stores
        var data = new TestData(_gateway);
        var stores = new[] { await data.StoreAsync(), await data.StoreAsync(), await data.StoreAsync() };
        var guides = new List<Guide>();
        foreach (var store in stores)
        {
            guides.Add(await data.GuideAsync(store.Id));
            guides.Add(await data.GuideAsync(store.Id));
        }

        await using (var db = _gateway.Db())
        {
            var now = DateTime.UtcNow;
            for (var i = 0; i < 120; i++)
            {
                var member = new Member { DisplayName = $"Batch {i}", Phone = $"1380000{i:0000}", CreatedAt = now, TouchedAt = now, RegisteredAt = now };
                member.Identities.Add(new Identity { Channel = IdentityChannel.Phone, ExternalId = member.Phone, LinkedAt = now });
                member.Identities.Add(new Identity { Channel = IdentityChannel.WechatOpenid, ExternalId = $"oBatch{i:00000}", LinkedAt = now });
                db.Members.Add(member);
                await db.SaveChangesAsync();
                db.GuideRelationships.Add(new GuideRelationship
                {
                    MemberId = member.Id, GuideId = guides[i % guides.Count].Id, Kind = GuideRelationshipKind.Exclusive,
                    Source = RelationshipSource.StoreAssignment, Since = now,
                });
            }

            await db.SaveChangesAsync();
        }

        var counter = _gateway.Service<SqlCommandCounter>();
        var admin = data.AdminToken();

        // when
        var before10 = counter.Count;
        var page10 = (await _gateway.GraphQLAsync(Page, new { first = 10 }, admin)).OkData()["members"]!["edges"]!.AsArray();
        var commands10 = counter.Count - before10;
        var before100 = counter.Count;
        var page100 = (await _gateway.GraphQLAsync(Page, new { first = 100 }, admin)).OkData()["members"]!["edges"]!.AsArray();
        var commands100 = counter.Count - before100;

        // then: the pages really carried the relations, and the number of SQL commands did not grow with the page
        Assert.Equal(10, page10.Count);
        Assert.Equal(100, page100.Count);
        Assert.All(page100, e =>
        {
            Assert.Equal(2, e!["node"]!["identities"]!.AsArray().Count);
            Assert.NotNull(e["node"]!["exclusiveGuide"]!["store"]!["name"]);
            Assert.Equal(e["node"]!["exclusiveGuide"]!["store"]!["name"]!.GetValue<string>(), e["node"]!["serviceStore"]!["name"]!.GetValue<string>());
        });
        Assert.Equal(commands10, commands100);
        Assert.InRange(commands100, 1, 6);
    }
}

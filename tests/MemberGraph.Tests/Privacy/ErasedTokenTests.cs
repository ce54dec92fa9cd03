using MemberGraph.Data;
using MemberGraph.Points;
using MemberGraph.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace MemberGraph.Tests.Privacy;

/// <summary>
/// An erased member's token, checked on the connection the request's loaders then read on: on a query whose text ran before
/// (cached), on a text seen for the first time, and on a mutation (whose service's transaction makes the loaders' connection
/// yield). It reads nothing and writes nothing. And the check costs a member's query no connection of its own.
/// </summary>
public sealed class ErasedTokenTests
{
    private const string Home = "query Home { me { displayName points { balance } coupons(first: 10) { edges { node { code } } } } }";
    private const string FirstSeen = "query FirstSeen { me { id points { balance } } }";

    [Fact]
    public async Task An_erased_members_token_reads_nothing_through_the_loaders_and_redeems_nothing()
    {
        // given: a member with 500 available points (an order past its return window) who has run the home query and a
        // redemption (so both texts are cached, as on a busy gateway), then is erased
        await using var world = await ErasureWorld.StartAsync();
        var (memberId, token) = await MemberWithPointsAsync(world);
        var loyalty = new LoyaltyApi(world.Gateway);
        Assert.Equal(500, (await world.Gateway.GraphQLAsync(Home, token: token)).OkData()["me"]!["points"]!["balance"]!.GetValue<long>());
        Assert.Empty((await loyalty.RedeemAsync(memberId, 10, "before-erasure")).OkData()["redeemPoints"]!["errors"]!.AsArray());
        await world.Kit.RequestErasureAsync(token);
        world.Clock.Advance(TimeSpan.FromDays(7) + TimeSpan.FromMinutes(1));
        Assert.Equal(1L, (await world.Kit.RunErasureAsync())["erased"]);

        // when: the same token asks the cached query (twice), a query never seen before, and the cached redemption
        var cached = await world.Gateway.GraphQLAsync(Home, token: token);
        var cachedAgain = await world.Gateway.GraphQLAsync(Home, token: token);
        var firstSeen = await world.Gateway.GraphQLAsync(FirstSeen, token: token);
        var redemption = await loyalty.RedeemAsync(memberId, 10, "after-erasure");

        // then: the token stands for nobody on every way; the kept balance is 500 - 10 = 490, with one redemption in the ledger
        foreach (var response in new[] { cached, cachedAgain, firstSeen, redemption })
        {
            Assert.Equal("AUTH_NOT_AUTHENTICATED", response.FirstErrorCode);
            Assert.DoesNotContain("490", response.Data?.ToJsonString() ?? "");
        }

        await using var db = world.Gateway.Db();
        Assert.Equal(490, await db.PointsAccounts.Where(a => a.MemberId == memberId).Select(a => a.Balance).SingleAsync());
        Assert.Equal(["before-erasure"], await db.PointsEntries.Where(e => e.MemberId == memberId && e.Kind == PointsEntryKind.Redeem)
            .Select(e => e.IdempotencyKey).ToListAsync());
    }

    [Fact]
    public async Task A_members_query_opens_one_connection_the_erasure_check_reads_on_the_loaders_connection()
    {
        // given: a member whose home query text has run once (it is cached)
        await using var world = await ErasureWorld.StartAsync();
        var (_, token) = await MemberWithPointsAsync(world);
        Assert.Equal(500, (await world.Gateway.GraphQLAsync(Home, token: token)).OkData()["me"]!["points"]!["balance"]!.GetValue<long>());
        var gauge = world.Gateway.Service<OpenConnectionGauge>();
        var before = gauge.Opened;

        // when: five more requests, one after another
        for (var i = 0; i < 5; i++)
        {
            Assert.Equal(500, (await world.Gateway.GraphQLAsync(Home, token: token)).OkData()["me"]!["points"]!["balance"]!.GetValue<long>());
        }

        // then: one connection opened per request (the check's, then the loaders'); a check on its own would make it ten
        Assert.Equal(5, gauge.Opened - before);
    }

    private static async Task<(long MemberId, string Token)> MemberWithPointsAsync(ErasureWorld world)
    {
        var n = TestData.Next();
        var order = await new LoyaltyApi(world.Gateway).RecordOkAsync(
            LoyaltyApi.Order($"POS-ET{n}", $"CARD-ET{n}", 50_000, paidAt: DateTime.UtcNow.AddDays(-30)));
        var memberId = LoyaltyApi.MemberKey(order);
        return (memberId, world.Data.MemberToken(memberId));
    }
}

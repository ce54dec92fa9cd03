using System.Data;
using MemberGraph.Data;
using MemberGraph.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace MemberGraph.Tests.Data;

/// <summary>
/// A context from the gateway's pool that a flow opened by hand and left for its disposal to close comes back from the pool
/// as any other: a query opens its connection and closes it again (see MemberGraphDb.Disposal.cs).
/// </summary>
public sealed class PooledContextTests : IAsyncLifetime
{
    private GatewayHost _gateway = null!;

    public async Task InitializeAsync() => _gateway = await GatewayHost.StartAsync();

    public async Task DisposeAsync() => await _gateway.DisposeAsync();

    [Fact]
    public async Task A_connection_opened_by_hand_and_left_to_the_disposal_does_not_stay_open_in_the_next_lease()
    {
        // given: pooled contexts whose connection a flow opened by hand and never closed
        var leased = Enumerable.Range(0, 8).Select(_ => _gateway.Db()).ToList();
        foreach (var db in leased)
        {
            await db.Database.OpenConnectionAsync();
        }

        foreach (var db in leased)
        {
            await db.DisposeAsync();
        }

        // when: the pool lends them again and each runs a query
        var again = Enumerable.Range(0, 8).Select(_ => _gateway.Db()).ToList();
        foreach (var db in again)
        {
            await db.Members.CountAsync();
        }

        // then: each query closed the connection it opened
        Assert.All(again, db => Assert.Equal(ConnectionState.Closed, db.Database.GetDbConnection().State));
        Assert.Contains(again, db => leased.Contains(db)); // the same instances, back from the pool
        foreach (var db in again)
        {
            await db.DisposeAsync();
        }
    }
}

using MemberGraph.Audit;
using MemberGraph.Data;
using MemberGraph.Domain;
using MemberGraph.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace MemberGraph.Tests.Data;

/// <summary>
/// On SQLite the units of work of the gateway write, in their turn, on one connection (<see cref="SqliteWriterConnection"/>), so its
/// page cache survives from one turn to the next; before the turn and after it each context is on a connection of its own.
/// </summary>
public sealed class SqliteWriterConnectionTests : IAsyncLifetime
{
    private GatewayHost _gateway = null!;

    private DomainEventDispatcher Dispatcher => _gateway.Service<DomainEventDispatcher>();

    public async Task InitializeAsync() => _gateway = await GatewayHost.StartAsync();

    public async Task DisposeAsync() => await _gateway.DisposeAsync();

    [Fact]
    public async Task Units_of_work_write_on_one_connection_in_their_turn_and_read_on_their_own_after_it()
    {
        // given: two contexts, each with its own connection before its turn
        await using var first = _gateway.Db();
        await using var second = _gateway.Db();
        var firstOwn = first.Database.GetDbConnection();

        // when: each commits a unit of work
        var writingOnFirst = await CommitAsync(first, "first");
        var writingOnSecond = await CommitAsync(second, "second");

        // then: both wrote on the one writer connection, not on their own
        Assert.Same(writingOnFirst, writingOnSecond);
        Assert.NotSame(firstOwn, writingOnFirst);

        // and after the commit each context reads again on a connection that is not the writer's
        Assert.Equal(1, await first.AuditEntries.CountAsync(a => a.Operation == "first"));
        Assert.NotSame(writingOnFirst, first.Database.GetDbConnection());
        Assert.Equal(1, await second.AuditEntries.CountAsync(a => a.Operation == "second"));
        Assert.NotSame(writingOnFirst, second.Database.GetDbConnection());
    }

    [Fact]
    public async Task A_unit_of_work_that_fails_leaves_the_writer_connection_clean_for_the_next()
    {
        // given: a unit of work that writes and is then given up (a refusal, an exception): it rolls back
        await using (var failing = _gateway.Db())
        {
            await using var work = await Dispatcher.BeginAsync(failing, CancellationToken.None);
            Write(work.Db, "given up");
            await work.Db.SaveChangesAsync();
        }

        // when: the next unit of work, on another context, writes in its turn
        await using var next = _gateway.Db();
        await CommitAsync(next, "committed");

        // then: only the committed one is there; the first one's transaction did not stay open on the writer connection
        await using var reader = _gateway.Db();
        Assert.Equal(["committed"], await reader.AuditEntries.Where(a => a.Subject == "writer-connection-test").Select(a => a.Operation).ToListAsync());
    }

    [Fact]
    public async Task A_pooled_context_goes_back_to_the_pool_without_the_writer_connection()
    {
        // given: a context from the gateway's pool that committed a unit of work, then went back to the pool
        System.Data.Common.DbConnection writerConnection;
        await using (var used = _gateway.Db())
        {
            writerConnection = await CommitAsync(used, "pooled");
        }

        // when: the pool hands contexts out again
        var again = Enumerable.Range(0, 4).Select(_ => _gateway.Db()).ToList();

        // then: none of them is on the writer connection, and each reads
        foreach (var db in again)
        {
            Assert.NotSame(writerConnection, db.Database.GetDbConnection());
            Assert.Equal(1, await db.AuditEntries.CountAsync(a => a.Operation == "pooled"));
            await db.DisposeAsync();
        }
    }

    /// <summary>Commits one audit row in a unit of work; the connection it wrote on.</summary>
    private async Task<System.Data.Common.DbConnection> CommitAsync(MemberGraphDb db, string operation)
    {
        Assert.Equal(0, await db.AuditEntries.CountAsync(a => a.Operation == operation)); // read before the turn, on its own connection
        await using var work = await Dispatcher.BeginAsync(db, CancellationToken.None);
        var writingOn = work.Db.Database.GetDbConnection();
        Write(work.Db, operation);
        await work.CommitAsync(CancellationToken.None);
        return writingOn;
    }

    private static void Write(MemberGraphDb db, string operation) => db.AuditEntries.Add(new AuditEntry
    {
        Subject = "writer-connection-test", Role = "test", Operation = operation, Target = "test", At = DateTime.UtcNow,
    });
}

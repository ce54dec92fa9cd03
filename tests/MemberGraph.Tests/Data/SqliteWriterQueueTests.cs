using MemberGraph.Data;
using MemberGraph.Tests.Domain;
using Microsoft.EntityFrameworkCore;

namespace MemberGraph.Tests.Data;

/// <summary>
/// SQLite writers of one gateway queue for the write lock in the process, first come first served, instead of polling in
/// SQLite's busy handler; a unit of work holds its turn until it ends, whether it committed or not.
/// </summary>
public sealed class SqliteWriterQueueTests
{
    private static readonly TimeSpan Settle = TimeSpan.FromMilliseconds(150);

    [Fact]
    public async Task Writers_get_their_turn_in_the_order_they_asked_for_it()
    {
        // given: a writer holding the turn, then two more asking, one after the other
        var queue = new SqliteWriterQueue();
        await using var db = SqliteDb();
        var first = await queue.WaitForTurnAsync(db, CancellationToken.None);
        var second = queue.WaitForTurnAsync(db, CancellationToken.None);
        var third = queue.WaitForTurnAsync(db, CancellationToken.None);
        await Task.Delay(Settle);
        Assert.False(second.IsCompleted);
        Assert.False(third.IsCompleted);

        // when: the first is done
        first.Dispose();

        // then: the second goes, the third still waits; then the third
        using var secondTurn = await second.WaitAsync(TimeSpan.FromSeconds(5));
        await Task.Delay(Settle);
        Assert.False(third.IsCompleted);
        secondTurn.Dispose();
        using var thirdTurn = await third.WaitAsync(TimeSpan.FromSeconds(5));
        Assert.NotSame(WriterTurn.None, thirdTurn);
    }

    [Fact]
    public async Task Passing_the_turn_after_a_commit_lets_the_waiting_writer_in_and_the_figures_count_it()
    {
        // given: a writer holding the turn for a while, and one waiting
        var queue = new SqliteWriterQueue();
        await using var db = SqliteDb();
        var first = await queue.WaitForTurnAsync(db, CancellationToken.None);
        var second = queue.WaitForTurnAsync(db, CancellationToken.None);
        await Task.Delay(Settle);

        // when: the first passes it as a commit does, twice (the second pass is a no-op)
        await first.PassAsync();
        await first.PassAsync();

        // then: the second writer has it and a third must wait; two turns taken, one of them handed over, the first held at least Settle
        using var secondTurn = await second.WaitAsync(TimeSpan.FromSeconds(5));
        var third = queue.WaitForTurnAsync(db, CancellationToken.None);
        await Task.Delay(Settle);
        Assert.False(third.IsCompleted);
        var figures = queue.Figures;
        Assert.Equal(2, figures.Turns);
        Assert.Equal(1, figures.Handovers);
        Assert.InRange(figures.Held, Settle * 0.9, TimeSpan.FromSeconds(10));
    }

    [Fact]
    public async Task A_turn_given_back_twice_lets_one_writer_in_not_two()
    {
        var queue = new SqliteWriterQueue();
        await using var db = SqliteDb();
        var first = await queue.WaitForTurnAsync(db, CancellationToken.None);
        var second = queue.WaitForTurnAsync(db, CancellationToken.None);
        var third = queue.WaitForTurnAsync(db, CancellationToken.None);

        first.Dispose();
        first.Dispose();

        using var secondTurn = await second.WaitAsync(TimeSpan.FromSeconds(5));
        await Task.Delay(Settle);
        Assert.False(third.IsCompleted);
        secondTurn.Dispose();
        (await third.WaitAsync(TimeSpan.FromSeconds(5))).Dispose();
    }

    [Fact]
    public async Task A_writer_kept_waiting_past_the_patience_goes_ahead_without_a_turn_and_gives_back_nothing()
    {
        // given: a short patience and a writer that keeps its turn
        var queue = new SqliteWriterQueue(TimeSpan.FromMilliseconds(100));
        await using var db = SqliteDb();
        var holder = await queue.WaitForTurnAsync(db, CancellationToken.None);

        // when: another writer waits past the patience
        var late = await queue.WaitForTurnAsync(db, CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(5));

        // then: it goes on without a turn (SQLite's own lock decides), and giving that back frees nothing
        Assert.Same(WriterTurn.None, late);
        late.Dispose();
        var next = queue.WaitForTurnAsync(db, CancellationToken.None);
        await Task.Delay(Settle);
        Assert.Same(WriterTurn.None, await next); // still held by the holder: the next one timed out too
        holder.Dispose();
        using var free = await queue.WaitForTurnAsync(db, CancellationToken.None);
        Assert.NotSame(WriterTurn.None, free);
    }

    [Fact]
    public async Task Server_engines_do_not_queue()
    {
        // given: the SQLite turn held
        var queue = new SqliteWriterQueue();
        await using var sqlite = SqliteDb();
        using var held = await queue.WaitForTurnAsync(sqlite, CancellationToken.None);

        // when: a PostgreSQL context asks (no connection is opened for the question)
        await using var postgres = new PostgresMemberGraphDb(new DbContextOptionsBuilder<PostgresMemberGraphDb>().UseNpgsql("Host=127.0.0.1;Database=none").Options);
        var turn = await queue.WaitForTurnAsync(postgres, CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(5));

        // then: it goes straight on
        Assert.Same(WriterTurn.None, turn);
    }

    [Fact]
    public async Task A_unit_of_work_holds_the_turn_until_it_ends_rolled_back_or_committed()
    {
        // given: a unit of work open on a SQLite file (connections without a busy timeout: a second writer reaching SQLite
        // while the first holds the lock would fail at once)
        await using var harness = new DomainEventHarness(_ => { });
        await using var firstDb = harness.NewDb();
        await using var secondDb = harness.NewDb();
        await using var thirdDb = harness.NewDb();
        var first = await harness.Dispatcher.BeginAsync(firstDb, CancellationToken.None);
        DomainEventHarness.Write(firstDb, "first");

        // when: two more begin
        var second = harness.Dispatcher.BeginAsync(secondDb, CancellationToken.None);
        await Task.Delay(Settle);
        var third = harness.Dispatcher.BeginAsync(thirdDb, CancellationToken.None);
        await Task.Delay(Settle);

        // then: they wait for their turn instead of reaching SQLite's lock
        Assert.False(second.IsCompleted);
        Assert.False(third.IsCompleted);

        // a rolled-back unit of work gives its turn to the second, which commits, and the third goes next
        await first.DisposeAsync();
        await using (var work = await second.WaitAsync(TimeSpan.FromSeconds(5)))
        {
            DomainEventHarness.Write(secondDb, "second");
            await work.CommitAsync(CancellationToken.None);
            await Task.Delay(Settle);
            Assert.True(third.IsCompleted); // committed: the turn is given back before the events are published and the context let go
        }

        await using (var work = await third)
        {
            DomainEventHarness.Write(thirdDb, "third");
            await work.CommitAsync(CancellationToken.None);
        }

        Assert.Equal(["second", "third"], harness.Committed());
    }

    private static SqliteMemberGraphDb SqliteDb() =>
        new(new DbContextOptionsBuilder<SqliteMemberGraphDb>().UseSqlite("Data Source=:memory:").Options);
}

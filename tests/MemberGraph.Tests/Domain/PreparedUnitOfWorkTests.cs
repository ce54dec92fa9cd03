using MemberGraph.Domain;
using Microsoft.EntityFrameworkCore;

namespace MemberGraph.Tests.Domain;

/// <summary>
/// A unit of work that decides before it writes (<see cref="DomainEventDispatcher.Prepare"/>): its handlers read with no transaction
/// and without SQLite's writer's turn, every write before <see cref="UnitOfWork.BeginWritesAsync"/> fails loudly and commits nothing,
/// and what they noted is there for the handlers that write after it.
/// </summary>
public sealed class PreparedUnitOfWorkTests
{
    [Fact]
    public async Task A_handler_saving_a_change_before_the_writes_began_fails_and_nothing_commits()
    {
        // given: a handler of the preparing event that adds a row and saves it
        await using var harness = new DomainEventHarness(s => s
            .On<SomethingHappened>((_, work) =>
            {
                DomainEventHarness.Write(work.Db, "too early");
                return work.Db.SaveChangesAsync();
            }));
        await using var db = harness.NewDb();

        // when
        Exception? failed;
        await using (var work = harness.Dispatcher.Prepare(db))
        {
            work.Raise(new SomethingHappened("x"));
            failed = await Record.ExceptionAsync(() => work.RunHandlersAsync(CancellationToken.None));
        }

        // then
        Assert.Contains("before the unit of work began its transaction", Assert.IsType<InvalidOperationException>(failed).Message);
        Assert.Empty(harness.Committed());
    }

    [Fact]
    public async Task A_handler_writing_past_the_change_tracker_before_the_writes_began_fails_and_nothing_commits()
    {
        // given: one row committed, and a handler that deletes rows with ExecuteDelete (a statement of its own, no SaveChanges)
        await using var harness = new DomainEventHarness(s => s
            .On<SomethingHappened>((_, work) => work.Db.AuditEntries.ExecuteDeleteAsync()));
        await using (var setup = harness.NewDb())
        {
            DomainEventHarness.Write(setup, "kept");
            await setup.SaveChangesAsync();
        }

        await using var db = harness.NewDb();

        // when
        Exception? failed;
        await using (var work = harness.Dispatcher.Prepare(db))
        {
            work.Raise(new SomethingHappened("x"));
            failed = await Record.ExceptionAsync(() => work.RunHandlersAsync(CancellationToken.None));
        }

        // then: refused before it reached the database
        Assert.IsType<InvalidOperationException>(failed);
        Assert.Equal(["kept"], harness.Committed());
    }

    [Fact]
    public async Task Handlers_read_before_the_turn_and_the_writes_after_it_commit_with_what_they_noted()
    {
        // given: a preparing handler that reads and notes, and a handler of the follow-up that writes what was noted
        var transactionWhilePreparing = Guid.Empty;
        var readWhilePreparing = -1;
        await using var harness = new DomainEventHarness(s => s
            .On<SomethingHappened>(async (e, work) =>
            {
                transactionWhilePreparing = work.Db.Database.CurrentTransaction?.TransactionId ?? Guid.Empty;
                readWhilePreparing = await work.Db.AuditEntries.CountAsync();
                work.Note(e, new List<string> { $"decided {e.Name}" });
            })
            .On<FollowedUp>((e, work) =>
            {
                DomainEventHarness.Write(work.Db, work.Noted<List<string>>(new SomethingHappened(e.Name))?.Single() ?? "nothing noted");
                return Task.CompletedTask;
            }));
        await using var db = harness.NewDb();
        await using var other = harness.NewDb();

        // when: another writer holds SQLite's turn, with a row not committed yet, while this one prepares
        await using var work = harness.Dispatcher.Prepare(db);
        await using (var holder = await harness.Dispatcher.BeginAsync(other, CancellationToken.None))
        {
            DomainEventHarness.Write(other, "holder");
            await other.SaveChangesAsync();
            work.Raise(new SomethingHappened("x"));
            await work.RunHandlersAsync(CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(10)); // needs no turn: does not wait for the holder
            Assert.False(work.Writing);
            Assert.Null(db.Database.CurrentTransaction);
            await holder.CommitAsync(CancellationToken.None);
        }

        await work.BeginWritesAsync(CancellationToken.None);
        Assert.True(work.Writing);
        work.Raise(new FollowedUp("x"));
        await work.CommitAsync(CancellationToken.None);

        // then: the reads ran with no transaction and saw what had committed then; the write went in with the commit
        Assert.Equal(Guid.Empty, transactionWhilePreparing);
        Assert.Equal(0, readWhilePreparing);
        Assert.Equal(["holder", "decided x"], harness.Committed());
    }

    [Fact]
    public async Task Committing_or_beginning_twice_is_refused_but_a_prepared_unit_of_work_that_never_wrote_disposes_quietly()
    {
        // given
        await using var harness = new DomainEventHarness(_ => { });
        await using var db = harness.NewDb();

        // when / then: no commit before the writes began
        await using (var work = harness.Dispatcher.Prepare(db))
        {
            await Assert.ThrowsAsync<InvalidOperationException>(() => work.CommitAsync(CancellationToken.None));
        }

        // the writes begin once; after the unit of work the context writes as any other
        await using (var work = harness.Dispatcher.Prepare(db))
        {
            await work.BeginWritesAsync(CancellationToken.None);
            await Assert.ThrowsAsync<InvalidOperationException>(() => work.BeginWritesAsync(CancellationToken.None));
        }

        await using (harness.Dispatcher.Prepare(db))
        {
        }

        DomainEventHarness.Write(db, "after");
        await db.SaveChangesAsync();
        Assert.Equal(["after"], harness.Committed());
    }
}

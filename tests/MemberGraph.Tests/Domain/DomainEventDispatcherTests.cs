using MemberGraph.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace MemberGraph.Tests.Domain;

/// <summary>
/// The seam's promises, without a gateway: handlers run inside the unit of work's transaction in a fixed order,
/// a failing handler takes everything back and publishes nothing, and integration events go out once, after the
/// commit — also when the unit of work is retried.
/// </summary>
public sealed class DomainEventDispatcherTests
{
    [Fact]
    public async Task Handlers_run_in_the_transaction_in_registration_order_and_what_they_raise_runs_after_them()
    {
        // given: two handlers of the service's event (the first raises a follow-up) and one of the follow-up
        var ran = new List<string>();
        var transactions = new List<Guid?>();
        await using var harness = new DomainEventHarness(s => s
            .On<SomethingHappened>((e, work) =>
            {
                RunAs(work, "first", ran, transactions);
                work.Raise(new FollowedUp(e.Name));
                return Task.CompletedTask;
            })
            .On<SomethingHappened>((_, work) => RunAs(work, "second", ran, transactions))
            .On<FollowedUp>((_, work) => RunAs(work, "follow-up", ran, transactions)));
        await using var db = harness.NewDb();

        // when
        await using (var work = await harness.Dispatcher.BeginAsync(db, CancellationToken.None))
        {
            DomainEventHarness.Write(db, "service");
            transactions.Add(db.Database.CurrentTransaction?.TransactionId);
            work.Raise(new SomethingHappened("x"));
            await work.CommitAsync(CancellationToken.None);
        }

        // then: one order, one transaction, everything committed together
        Assert.Equal(["first", "second", "follow-up"], ran);
        Assert.Single(transactions.Distinct());
        Assert.NotNull(transactions[0]);
        Assert.Equal(["service", "first", "second", "follow-up"], harness.Committed());
    }

    [Fact]
    public async Task A_failing_handler_rolls_back_the_service_and_the_other_handlers_and_publishes_nothing()
    {
        // given: a handler that writes and announces, then one that fails
        await using var harness = new DomainEventHarness(s => s
            .On<SomethingHappened>((e, work) =>
            {
                DomainEventHarness.Write(work.Db, "first");
                work.Publish(new Announced(e.Name));
                work.Raise(new NoticedAndAnnounced(e.Name));
                return work.Db.SaveChangesAsync();
            })
            .On<SomethingHappened>((_, _) => throw new InvalidOperationException("rules failed")));
        var heard = new Heard(harness);
        using var subscription = harness.Bus.Subscribe("test:1").Subscribe(heard);
        await using var db = harness.NewDb();

        // when
        Exception? failed;
        await using (var work = await harness.Dispatcher.BeginAsync(db, CancellationToken.None))
        {
            DomainEventHarness.Write(db, "service");
            await db.SaveChangesAsync();
            work.Raise(new SomethingHappened("x"));
            failed = await Record.ExceptionAsync(() => work.CommitAsync(CancellationToken.None));
            Assert.Throws<InvalidOperationException>(() => work.Raise(new SomethingHappened("after the failure")));
        }

        // then
        Assert.IsType<InvalidOperationException>(failed);
        Assert.Empty(harness.Committed());
        Assert.Empty(heard.Events);
    }

    [Fact]
    public async Task Integration_events_go_out_after_the_commit_in_the_order_they_were_added()
    {
        // given: a handler that announces; the service announces too and raises a fact subscribers hear as it stands
        await using var harness = new DomainEventHarness(s => s
            .On<SomethingHappened>((e, work) =>
            {
                DomainEventHarness.Write(work.Db, "handler");
                work.Publish(new Announced($"handler saw {e.Name}"));
                return Task.CompletedTask;
            }));
        var heard = new Heard(harness);
        using var subscription = harness.Bus.Subscribe("test:1").Subscribe(heard);
        await using var db = harness.NewDb();

        // when
        int heardBeforeCommit;
        await using (var work = await harness.Dispatcher.BeginAsync(db, CancellationToken.None))
        {
            DomainEventHarness.Write(db, "service");
            work.Publish(new Announced("service"));
            work.Raise(new SomethingHappened("x"));
            work.Raise(new NoticedAndAnnounced("fact"));
            await work.RunHandlersAsync(CancellationToken.None);
            await db.SaveChangesAsync();
            heardBeforeCommit = heard.Events.Count;
            await work.CommitAsync(CancellationToken.None);
        }

        // then: nothing while the transaction was open; then all three, each when both rows had committed
        Assert.Equal(0, heardBeforeCommit);
        Assert.Equal(["Announced service", "NoticedAndAnnounced fact", "Announced handler saw x"], heard.Events.Select(Describe));
        Assert.All(heard.Events, h => Assert.Equal(2, h.CommittedRows));
    }

    [Fact]
    public async Task A_retried_unit_of_work_runs_its_handlers_again_and_publishes_once()
    {
        // given: a handler whose first run loses a race (as a lot moved by a parallel refund would)
        var runs = 0;
        await using var harness = new DomainEventHarness(s => s
            .On<SomethingHappened>(async (e, work) =>
            {
                runs++;
                DomainEventHarness.Write(work.Db, $"handler run {runs}");
                work.Publish(new Announced($"run {runs}"));
                await work.Db.SaveChangesAsync();
                if (runs == 1)
                {
                    throw new DbUpdateConcurrencyException("a parallel change came first");
                }
            }));
        var heard = new Heard(harness);
        using var subscription = harness.Bus.Subscribe("test:1").Subscribe(heard);

        // when: the retry loop the services use — a new unit of work per attempt
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await using var db = harness.NewDb();
                await using var work = await harness.Dispatcher.BeginAsync(db, CancellationToken.None);
                DomainEventHarness.Write(db, $"service attempt {attempt}");
                work.Raise(new SomethingHappened("x"));
                await work.CommitAsync(CancellationToken.None);
                break;
            }
            catch (DbUpdateConcurrencyException) when (attempt < 3)
            {
            }
        }

        // then: two runs, one commit, one event — the committed attempt's
        Assert.Equal(2, runs);
        Assert.Equal(["service attempt 2", "handler run 2"], harness.Committed());
        Assert.Equal(["Announced run 2"], heard.Events.Select(Describe));
    }

    [Fact]
    public async Task A_unit_of_work_left_without_a_commit_rolls_back_and_publishes_nothing()
    {
        // given
        await using var harness = new DomainEventHarness(_ => { });
        var heard = new Heard(harness);
        using var subscription = harness.Bus.Subscribe("test:1").Subscribe(heard);
        await using var db = harness.NewDb();

        // when: the service refuses after it wrote and announced (a refusal returns before the commit)
        await using (var work = await harness.Dispatcher.BeginAsync(db, CancellationToken.None))
        {
            DomainEventHarness.Write(db, "service");
            await db.SaveChangesAsync();
            work.Publish(new Announced("never"));
        }

        // then
        Assert.Empty(harness.Committed());
        Assert.Empty(heard.Events);
    }

    [Fact]
    public async Task A_bus_failing_after_the_commit_neither_fails_the_change_nor_stops_the_next_events()
    {
        // given: a bus that is down for the first event only
        var bus = new FlakyBus();
        await using var harness = new DomainEventHarness(_ => { }, bus);
        await using var db = harness.NewDb();

        // when
        await using (var work = await harness.Dispatcher.BeginAsync(db, CancellationToken.None))
        {
            DomainEventHarness.Write(db, "service");
            work.Publish(new Announced("lost"));
            work.Publish(new Announced("delivered"));
            await work.CommitAsync(CancellationToken.None);
        }

        // then
        Assert.Equal(["service"], harness.Committed());
        Assert.Equal(["delivered"], bus.Delivered);
    }

    [Fact]
    public async Task A_handler_cannot_commit_the_unit_of_work_it_runs_in()
    {
        // given
        await using var harness = new DomainEventHarness(s => s
            .On<SomethingHappened>((_, work) => work.CommitAsync(CancellationToken.None)));
        await using var db = harness.NewDb();
        await using var work = await harness.Dispatcher.BeginAsync(db, CancellationToken.None);
        work.Raise(new SomethingHappened("x"));

        // when
        var refused = await Record.ExceptionAsync(() => work.CommitAsync(CancellationToken.None));

        // then
        Assert.IsType<InvalidOperationException>(refused);
        Assert.Empty(harness.Committed());
    }

    private static Task RunAs(UnitOfWork work, string who, List<string> ran, List<Guid?> transactions)
    {
        ran.Add(who);
        transactions.Add(work.Db.Database.CurrentTransaction?.TransactionId);
        DomainEventHarness.Write(work.Db, who);
        return Task.CompletedTask;
    }

    private static string Describe((MemberGraph.Realtime.IntegrationEvent Event, int CommittedRows) heard) => heard.Event switch
    {
        Announced a => $"Announced {a.Name}",
        NoticedAndAnnounced n => $"NoticedAndAnnounced {n.Name}",
        var other => other.GetType().Name,
    };

    private sealed class FlakyBus : MemberGraph.Realtime.IEventBus
    {
        public List<string> Delivered { get; } = [];

        public Task PublishAsync(MemberGraph.Realtime.IntegrationEvent domainEvent, CancellationToken cancellationToken = default)
        {
            if (domainEvent is Announced { Name: "lost" })
            {
                throw new TimeoutException("the backplane did not answer");
            }

            Delivered.Add(((Announced)domainEvent).Name);
            return Task.CompletedTask;
        }

        public IObservable<MemberGraph.Realtime.IntegrationEvent> Subscribe(string audience) => throw new NotSupportedException();
    }
}

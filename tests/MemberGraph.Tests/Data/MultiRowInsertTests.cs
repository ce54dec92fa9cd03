using MemberGraph.Commission;
using MemberGraph.Data;
using MemberGraph.Orders;
using MemberGraph.Points;
using MemberGraph.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace MemberGraph.Tests.Data;

/// <summary>
/// <see cref="MultiRowInsert"/> on the engines it writes SQL for: one statement per call, each row back with its own key,
/// tracked as saved, and the statement it keeps per row count reused with other values.
/// </summary>
public abstract class MultiRowInsertTests(DatabaseKind database) : IAsyncLifetime
{
    public sealed class OnSqlite() : MultiRowInsertTests(DatabaseKind.Sqlite);

    public sealed class OnPostgres() : MultiRowInsertTests(DatabaseKind.Postgres);

    private GatewayHost _gateway = null!;

    public async Task InitializeAsync() => _gateway = await GatewayHost.StartAsync(database: database);

    public async Task DisposeAsync() => await _gateway.DisposeAsync();

    [Fact]
    public async Task Rows_go_in_in_one_statement_each_with_its_own_key_and_are_tracked_as_saved()
    {
        // given: two orders, their lines in a different order from their line numbers
        var data = new TestData(_gateway);
        var member = await data.MemberAsync();
        var paidAt = new DateTime(2026, 3, 1, 8, 0, 0, DateTimeKind.Utc);
        var first = await data.OrderAsync(member.Id, null, paidAt);
        var second = await data.OrderAsync(member.Id, null, paidAt);
        var counter = _gateway.Service<SqlCommandCounter>();
        await using var db = _gateway.Db();
        await using var transaction = await db.Database.BeginTransactionAsync();
        var order = await db.Orders.SingleAsync(o => o.Id == first.Id);
        List<OrderLine> firstLines = [Line(first.Id, 3, "SKU-C"), Line(first.Id, 1, "SKU-A"), Line(first.Id, 2, "SKU-B")];
        List<OrderLine> secondLines = [Line(second.Id, 2, "SKU-E"), Line(second.Id, 1, "SKU-D"), Line(second.Id, 3, "SKU-F")];

        // when: the same row count twice (the second run reuses the first's statement with its own values)
        var before = counter.Count;
        await MultiRowInsert.InsertAsync(db, firstLines, l => l.LineNumber, CancellationToken.None);
        var afterFirst = counter.Count;
        await MultiRowInsert.InsertAsync(db, secondLines, l => l.LineNumber, CancellationToken.None);
        var afterSecond = counter.Count;

        // then: one statement each; every row's key is the one its line number was written under
        Assert.Equal(1, afterFirst - before);
        Assert.Equal(1, afterSecond - afterFirst);
        var written = await db.OrderLines.AsNoTracking().Where(l => l.OrderId == first.Id || l.OrderId == second.Id).ToListAsync();
        Assert.Equal(6, written.Count);
        foreach (var line in firstLines.Concat(secondLines))
        {
            var row = Assert.Single(written, w => w.Id == line.Id);
            Assert.Equal((line.OrderId, line.LineNumber, line.Sku, line.AmountCents), (row.OrderId, row.LineNumber, row.Sku, row.AmountCents));
            Assert.Equal(EntityState.Unchanged, db.Entry(line).State);
        }

        // and the tracked order has its lines, and a later change to a line is saved like any tracked row's
        Assert.Equal(new[] { 1, 2, 3 }, order.Lines.Select(l => l.LineNumber).Order());
        firstLines[0].Points = 42;
        await db.SaveChangesAsync();
        await transaction.CommitAsync();
        await using var check = _gateway.Db();
        Assert.Equal(42, (await check.OrderLines.SingleAsync(l => l.Id == firstLines[0].Id)).Points);
    }

    [Fact]
    public async Task Many_contexts_inserting_rows_of_the_same_shape_at_once_each_get_their_own_keys()
    {
        // given: orders for 16 writers; each inserts three lines, 15 times, on a context of its own (the statement for three
        // lines is the same for all: a command shared between them broke under parallel orders on PostgreSQL)
        var data = new TestData(_gateway);
        var member = await data.MemberAsync();
        var orders = new List<long>();
        for (var i = 0; i < 16 * 15; i++)
        {
            orders.Add((await data.OrderAsync(member.Id, null, new DateTime(2026, 3, 1, 8, 0, 0, DateTimeKind.Utc))).Id);
        }

        // when
        var inserted = await Task.WhenAll(Enumerable.Range(0, 16).Select(writer => Task.Run(async () =>
        {
            var lines = new List<OrderLine>();
            for (var round = 0; round < 15; round++)
            {
                var orderId = orders[writer * 15 + round];
                await using var db = _gateway.Db();
                List<OrderLine> three = [Line(orderId, 2, "SKU-B"), Line(orderId, 1, "SKU-A"), Line(orderId, 3, "SKU-C")];
                await MultiRowInsert.InsertAsync(db, three, l => l.LineNumber, CancellationToken.None);
                lines.AddRange(three);
            }

            return lines;
        })));

        // then: every line has the key of the row written with its order and line number
        await using var check = _gateway.Db();
        var written = await check.OrderLines.AsNoTracking().Where(l => orders.Contains(l.OrderId)).ToDictionaryAsync(l => l.Id);
        var all = inserted.SelectMany(l => l).ToList();
        Assert.Equal(16 * 15 * 3, written.Count);
        Assert.Equal(written.Count, all.Select(l => l.Id).Distinct().Count());
        Assert.All(all, line => Assert.Equal((line.OrderId, line.LineNumber, line.Sku), (written[line.Id].OrderId, written[line.Id].LineNumber, written[line.Id].Sku)));
    }

    [Fact]
    public async Task A_time_is_written_as_the_row_then_holds_it()
    {
        // given: a commission line earned at a time with a tick below the microsecond (PostgreSQL keeps microseconds)
        var data = new TestData(_gateway);
        var store = await data.StoreAsync();
        var guide = await data.GuideAsync(store.Id);
        var member = await data.MemberAsync();
        var order = await data.OrderAsync(member.Id, store.Id, new DateTime(2026, 3, 1, 8, 0, 0, DateTimeKind.Utc));
        await using var db = _gateway.Db();
        var line = Line(order.Id, 1, "SKU-A");
        await MultiRowInsert.InsertAsync(db, [line], l => l.LineNumber, CancellationToken.None);
        var earnedAt = new DateTime(2026, 3, 1, 8, 0, 0, DateTimeKind.Utc).AddTicks(1_234_567);
        var commission = new CommissionLine
        {
            OrderId = order.Id, OrderLineId = line.Id, LineNumber = 1, GuideId = guide.Id, StoreId = store.Id, Sku = "SKU-A",
            Rule = "test", BaseCents = 1_000, AmountCents = 30, EarnedAt = earnedAt,
        };

        // when
        await MultiRowInsert.InsertAsync(db, [commission], c => c.LineNumber, CancellationToken.None);

        // then: what the row holds is what was stored
        await using var check = _gateway.Db();
        var stored = await check.CommissionLines.SingleAsync(c => c.Id == commission.Id);
        Assert.Equal(stored.EarnedAt, commission.EarnedAt);
        Assert.Equal(database == DatabaseKind.Postgres ? earnedAt.AddTicks(-7) : earnedAt, stored.EarnedAt);
    }

    [Fact]
    public async Task One_row_goes_in_by_one_statement_with_its_key_tracked_as_saved_and_a_duplicate_is_refused_as_a_save_refuses_it()
    {
        // given: a member, and an order not yet written (a time below the microsecond, which PostgreSQL does not keep)
        var data = new TestData(_gateway);
        var member = await data.MemberAsync();
        var paidAt = new DateTime(2026, 3, 1, 8, 0, 0, DateTimeKind.Utc).AddTicks(1_234_567);
        var counter = _gateway.Service<SqlCommandCounter>();
        await using var db = _gateway.Db();
        await using var transaction = await db.Database.BeginTransactionAsync();
        var order = NewOrder(member.Id, $"ONE-{Guid.NewGuid():N}", paidAt);

        // when
        var before = counter.Count;
        await MultiRowInsert.InsertAsync(db, order, CancellationToken.None);
        var after = counter.Count;

        // then: one statement; the row has its key and is tracked unchanged, so a later change is saved as an UPDATE
        Assert.Equal(1, after - before);
        Assert.True(order.Id > 0);
        Assert.Equal(EntityState.Unchanged, db.Entry(order).State);
        order.PointsEarned = 7;
        await db.SaveChangesAsync();
        Assert.Equal(7, (await db.Orders.AsNoTracking().SingleAsync(o => o.Id == order.Id)).PointsEarned);

        // and the same channel order again is refused by its unique index as SaveChanges refused it (callers retry on that)
        var twin = NewOrder(member.Id, order.ChannelOrderId, paidAt);
        var refused = await Assert.ThrowsAsync<DbUpdateException>(() => MultiRowInsert.InsertUntrackedAsync(db, twin, CancellationToken.None));
        Assert.True(refused.IsUniqueViolation());
        await transaction.RollbackAsync();

        // and a row inserted untracked is written as the row holds it, its time cut to the microsecond on PostgreSQL
        await using var other = _gateway.Db();
        await MultiRowInsert.InsertUntrackedAsync(other, twin, CancellationToken.None);
        Assert.Equal(EntityState.Detached, other.Entry(twin).State);
        await using var check = _gateway.Db();
        var stored = await check.Orders.AsNoTracking().SingleAsync(o => o.Id == twin.Id);
        Assert.Equal((twin.ChannelOrderId, twin.PaidAt), (stored.ChannelOrderId, stored.PaidAt));
        Assert.Equal(database == DatabaseKind.Postgres ? paidAt.AddTicks(-7) : paidAt, stored.PaidAt);
    }

    [Fact]
    public async Task Rows_of_several_types_go_in_by_a_statement_each_with_their_own_keys_untracked()
    {
        // given: a member, an order and a points lot not yet written (as an order's lot and ledger entry go in together)
        var member = await new TestData(_gateway).MemberAsync();
        var at = new DateTime(2026, 3, 1, 8, 0, 0, DateTimeKind.Utc);
        var counter = _gateway.Service<SqlCommandCounter>();
        await using var db = _gateway.Db();
        await using var transaction = await db.Database.BeginTransactionAsync();
        var order = NewOrder(member.Id, $"PAIR-{Guid.NewGuid():N}", at);
        var lot = new PointsLot
        {
            MemberId = member.Id, Earned = 120, Remaining = 120, EarnedAt = at, AvailableAt = at, ExpiresAt = at.AddYears(1), Status = PointsLotStatus.Available,
        };

        // when
        var before = counter.Count;
        await MultiRowInsert.InsertUntrackedAsync(db, [order, lot], CancellationToken.None);
        var after = counter.Count;
        await transaction.CommitAsync();

        // then: a statement each (no save: nothing was tracked), each row back with its own key and left untracked
        Assert.Equal(2, after - before);
        Assert.True(order.Id > 0 && lot.Id > 0);
        Assert.Equal((EntityState.Detached, EntityState.Detached), (db.Entry(order).State, db.Entry(lot).State));
        await using var check = _gateway.Db();
        Assert.Equal(order.ChannelOrderId, (await check.Orders.AsNoTracking().SingleAsync(o => o.Id == order.Id)).ChannelOrderId);
        var stored = await check.PointsLots.AsNoTracking().SingleAsync(l => l.Id == lot.Id);
        Assert.Equal((member.Id, 120L, PointsLotStatus.Available), (stored.MemberId, stored.Remaining, stored.Status));
    }

    [Fact]
    public async Task Rows_without_keys_go_in_in_statements_of_a_hundred_rows_at_most()
    {
        // given: 250 audit lines
        var counter = _gateway.Service<SqlCommandCounter>();
        var target = $"Test:{Guid.NewGuid():N}";
        var at = new DateTime(2026, 3, 1, 8, 0, 0, DateTimeKind.Utc);
        var lines = Enumerable.Range(1, 250).Select(i => new MemberGraph.Audit.AuditEntry
        {
            Subject = "tester", Role = "admin", Operation = "test", Target = target, Detail = $"line {i}", At = at.AddSeconds(i),
        }).ToList();
        await using var db = _gateway.Db();

        // when
        var before = counter.Count;
        await MultiRowInsert.InsertWithoutKeysAsync(db, lines, CancellationToken.None);

        // then: 100 + 100 + 50, every line written once, none tracked
        Assert.Equal(3, counter.Count - before);
        var written = await db.AuditEntries.AsNoTracking().Where(a => a.Target == target).Select(a => a.Detail).ToListAsync();
        Assert.Equal(lines.Select(l => l.Detail).Order(), written.Order());
        Assert.Empty(db.ChangeTracker.Entries());
    }

    private static Order NewOrder(long memberId, string channelOrderId, DateTime paidAt) => new()
    {
        Channel = SalesChannel.Pos, ChannelOrderId = channelOrderId, MemberId = memberId, PaidAmountCents = 1_000, PaidAt = paidAt,
        RecordedAt = paidAt, ContentHash = channelOrderId,
    };

    private static OrderLine Line(long orderId, int lineNumber, string sku) => new()
    {
        OrderId = orderId, LineNumber = lineNumber, Sku = sku, Category = ProductCategory.ImportedFruit, Quantity = 1,
        AmountCents = 1_000 * lineNumber, PaidShareCents = 1_000 * lineNumber,
    };
}

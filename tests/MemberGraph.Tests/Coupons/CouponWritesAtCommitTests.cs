using MemberGraph.Audit;
using MemberGraph.Coupons;
using MemberGraph.Data;
using MemberGraph.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace MemberGraph.Tests.Coupons;

/// <summary>
/// A claim's and a write-off's coupon history entry goes in with their audit line, in one command at the commit
/// (<see cref="RowsAtCommit"/>): on PostgreSQL a round trip fewer while a claim holds its template's row, which every other claim
/// of that template waits for. Counted through /graphql on both engines; the rows are checked as written.
/// </summary>
public abstract class CouponWritesAtCommitTests(DatabaseKind database) : CouponGatewayTests(database)
{
    public sealed class OnSqlite() : CouponWritesAtCommitTests(DatabaseKind.Sqlite);

    public sealed class OnPostgres() : CouponWritesAtCommitTests(DatabaseKind.Postgres);

    private const string Claim = """
        mutation ($templateId: ID!) { claimCoupon(input: { templateId: $templateId }) { coupon { id code } errors { code } } }
        """;

    private const string Redeem = """
        mutation ($input: RedeemCouponInput!) { redeemCoupon(input: $input) { coupon { id status } errors { code } } }
        """;

    [Fact]
    public async Task A_claim_sends_four_commands_and_a_write_off_three_with_the_history_entry_and_the_audit_line_in_the_last()
    {
        // given: a template, a store, and a first claim and write-off by someone else (so nothing below is a first run)
        var store = await Kit.Data.StoreAsync();
        var templateId = await Kit.TemplateAsync();
        var warmUp = await ClaimAsync(templateId, (await Kit.Data.MemberAsync()).Id);
        await RedeemAsync(warmUp.Code, $"POS-{TestData.Next()}", store.Id);
        var member = await Kit.Data.MemberAsync();
        var counter = Gateway.Service<SqlCommandCounter>();

        // when: the member claims (the erased-token check, the stock UPDATE, the guarded INSERT, history and audit together) ...
        var before = counter.Count;
        var coupon = await ClaimAsync(templateId, member.Id);
        var claimCommands = counter.Count - before;

        // ... and a store writes the coupon off (the coupon read, the conditional UPDATE, history and audit together)
        var orderRef = $"POS-{TestData.Next()}";
        before = counter.Count;
        await RedeemAsync(coupon.Code, orderRef, store.Id);
        var writeOffCommands = counter.Count - before;

        // then
        Assert.Equal((4L, 3L), (claimCommands, writeOffCommands));
        await using var db = Gateway.Db();
        var history = await db.CouponHistory.AsNoTracking().Where(h => h.CouponId == coupon.Id).OrderBy(h => h.Id).ToListAsync();
        Assert.Equal([CouponHistoryEvent.Issued, CouponHistoryEvent.Redeemed], history.Select(h => h.Event));
        Assert.Equal((store.Id, orderRef, 12_000L, 1_500L), (history[1].StoreId!.Value, history[1].OrderRef, history[1].OrderAmountCents!.Value, history[1].DiscountCents!.Value));
        var audit = await db.AuditEntries.AsNoTracking().Where(a => a.Target == $"Coupon:{coupon.Id}").OrderBy(a => a.Id).Select(a => a.Operation).ToListAsync();
        Assert.Equal(["claimCoupon", "redeemCoupon"], audit);
    }

    [Fact]
    public async Task Rows_held_for_a_commit_go_in_with_it_in_one_command_in_the_order_held_and_not_at_all_when_it_rolls_back()
    {
        // given: a coupon to write history for, and a transaction the interceptor saw begin
        var templateId = await Kit.TemplateAsync();
        var coupon = await ClaimAsync(templateId, (await Kit.Data.MemberAsync()).Id);
        var atCommit = Gateway.Service<RowsAtCommit>();
        var counter = Gateway.Service<SqlCommandCounter>();
        var target = $"Test:{Guid.NewGuid():N}";
        var at = new DateTime(2026, 3, 1, 8, 0, 0, DateTimeKind.Utc);
        await using var db = Gateway.Db();
        Assert.False(atCommit.TryHold(db, Line(target, "outside", at))); // no transaction: the caller writes the row itself

        // when: a rolled-back transaction holds rows, then a committed one holds two audit lines around a history entry
        await using (var rolledBack = await db.Database.BeginTransactionAsync())
        {
            Assert.True(atCommit.TryHold(db, Line(target, "rolled back", at)));
            await rolledBack.RollbackAsync();
        }

        await using var transaction = await db.Database.BeginTransactionAsync();
        var held = new[]
        {
            atCommit.TryHold(db, Line(target, "first", at)),
            atCommit.TryHold(db, CouponHistory.Entry(coupon.Id, CouponHistoryEvent.Reserved, at, orderRef: target)),
            atCommit.TryHold(db, Line(target, "second", at)),
        };
        var before = counter.Count;
        await transaction.CommitAsync();

        // then: one command at the commit; the lines in the order held, the entry beside them, nothing of the rolled-back one
        Assert.All(held, Assert.True);
        Assert.Equal(1, counter.Count - before);
        await using var check = Gateway.Db();
        Assert.Equal(["first", "second"], await check.AuditEntries.AsNoTracking().Where(a => a.Target == target).OrderBy(a => a.Id).Select(a => a.Detail).ToListAsync());
        var entry = await check.CouponHistory.AsNoTracking().SingleAsync(h => h.OrderRef == target);
        Assert.Equal((coupon.Id, CouponHistoryEvent.Reserved, at), (entry.CouponId, entry.Event, entry.At));
    }

    [Fact]
    public async Task More_rows_than_one_batch_takes_go_in_by_a_command_per_type()
    {
        // given: a coupon, and more rows held for one commit than a batch takes
        var coupon = await ClaimAsync(await Kit.TemplateAsync(), (await Kit.Data.MemberAsync()).Id);
        var atCommit = Gateway.Service<RowsAtCommit>();
        var counter = Gateway.Service<SqlCommandCounter>();
        var target = $"Test:{Guid.NewGuid():N}";
        var at = new DateTime(2026, 3, 1, 8, 0, 0, DateTimeKind.Utc);
        await using var db = Gateway.Db();
        await using var transaction = await db.Database.BeginTransactionAsync();
        var lines = MultiRowBatch.MostRows + 1;
        for (var i = 0; i < lines; i++)
        {
            Assert.True(atCommit.TryHold(db, Line(target, $"line {i}", at)));
        }

        Assert.True(atCommit.TryHold(db, CouponHistory.Entry(coupon.Id, CouponHistoryEvent.Reserved, at, orderRef: target)));

        // when
        var before = counter.Count;
        await transaction.CommitAsync();

        // then: the lines by one command, the entry by another, all written
        Assert.Equal(2, counter.Count - before);
        await using var check = Gateway.Db();
        Assert.Equal(lines, await check.AuditEntries.CountAsync(a => a.Target == target));
        Assert.Equal(1, await check.CouponHistory.CountAsync(h => h.OrderRef == target));
    }

    private static AuditEntry Line(string target, string detail, DateTime at) => new()
    {
        Subject = "tester", Role = "admin", Operation = "test", Target = target, Detail = detail, At = at,
    };

    private async Task<(long Id, string Code)> ClaimAsync(string templateId, long memberId)
    {
        var payload = (await Gateway.GraphQLAsync(Claim, new { templateId }, Kit.Data.MemberToken(memberId))).Payload("claimCoupon");
        Assert.Null(payload.ErrorCode());
        return (CouponKit.Key(payload["coupon"]!.Str("id")), payload["coupon"]!.Str("code"));
    }

    private async Task RedeemAsync(string code, string orderRef, long storeId)
    {
        var payload = (await Gateway.GraphQLAsync(Redeem, new { input = new { code, orderAmountCents = 12_000, orderRef } }, Kit.Data.StaffToken(storeId)))
            .Payload("redeemCoupon");
        Assert.Null(payload.ErrorCode());
        Assert.Equal("REDEEMED", payload["coupon"]!.Str("status"));
    }
}

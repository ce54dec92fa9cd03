using MemberGraph.Auth;
using MemberGraph.Commission;
using MemberGraph.Domain;
using MemberGraph.Orders;
using MemberGraph.Points;
using MemberGraph.Realtime;

namespace MemberGraph.Benchmarks.WritePath.Refund;

/// <summary>
/// refundOrder's writes hand-written in one transaction, in the order the gateway makes them: the refund row (its unique
/// (order, refund id) index is the idempotency guard), the order's totals and status (a conditional UPDATE on the refunded
/// amount read, so two refunds of one order cannot both add to the same total), the lines and the refund's lines, the member's
/// touch mark, the points reversal, the commission clawback, the coupons given back on a full refund, and the audit lines;
/// after the commit the same <c>pointsChanged</c>, <c>commissionUpdated</c> and <c>couponUpdated</c> events. The arithmetic is
/// the gateway's own (<see cref="RefundPlan"/>, <see cref="Allocation"/>). Tier levels are not touched: a refund lowers growth,
/// which is read from the orders, and only the tier recompute lowers a level.
/// </summary>
internal sealed partial class RefundWrites(CommissionRules commission, IEventBus bus, TimeProvider clock)
{
    public abstract record Result;

    public sealed record Refunded(long OrderId, OrderStatus Status, bool Replayed) : Result;

    public sealed record Refused(UserError Error) : Result;

    /// <summary>Another writer changed what this refund read (the same refund id committed, the order's total, a lot, a commission line): roll back and start again.</summary>
    public sealed record Retry : Result;

    /// <summary>What the floor does not take on: points already available (the gateway then debits the balance and consumes lots).</summary>
    public sealed record NotCovered(string Why) : Result;

    public sealed record Forbidden(string Why) : Result;

    public async Task<Result> RefundAsync(Sql sql, RefundOrderCommand command, Caller caller, Func<Task> commit, CancellationToken cancellationToken)
    {
        if (await RefundRead.ReadAsync(sql, command, cancellationToken) is not { } read)
        {
            return new Refused(new UserError(UserErrorCode.NotFound, "No such order.", "orderId"));
        }

        var order = read.Order;
        if (caller.Is(Roles.Staff) && (caller.StoreId is null || order.StoreId != caller.StoreId))
        {
            return new Forbidden("refund orders of another store");
        }

        if (!ChannelScope.Covers(caller, order.Channel))
        {
            return new Forbidden("refund orders of that channel");
        }

        var hash = ContentHash.Of(command);
        if (read.EarlierHash is { } earlier)
        {
            return earlier == hash
                ? new Refunded(order.Id, order.Status, Replayed: true)
                : new Refused(new UserError(UserErrorCode.IdempotencyConflict, $"Refund {command.RefundId} was already recorded with different content.", "refundId"));
        }

        var plan = RefundPlan.For(order, command);
        if (plan.Value is not { } parts)
        {
            return new Refused(plan.Error!);
        }

        var now = clock.GetUtcNow().UtcDateTime;
        var refund = new OrderRefund { RefundId = command.RefundId, Kind = RefundPlan.KindOf(command), Reason = command.Reason, RefundedAt = now, ContentHash = hash };
        var refundedBefore = order.RefundedAmountCents;
        long points = 0;
        foreach (var (line, quantity, cents) in parts)
        {
            points += RefundPlan.PointsToReverse(line, line.RefundedCents, line.RefundedCents + cents);
            line.RefundedQuantity += quantity;
            line.RefundedCents += cents;
            refund.AmountCents += cents;
            refund.Lines.Add(new OrderRefundLine { OrderLineId = line.Id, LineNumber = line.LineNumber, Quantity = quantity, AmountCents = cents });
        }

        order.RefundedAmountCents += refund.AmountCents;
        order.Status = order.RefundedAmountCents >= order.PaidAmountCents && order.Lines.All(l => l.RefundedQuantity == l.Quantity || l.RefundableCents == 0)
            ? OrderStatus.FullyRefunded
            : OrderStatus.PartiallyRefunded;

        // The points are decided before anything is written: pending points of the order's lot are cancelled.
        var cancelled = points > 0 && read.PointsLot is { Status: PointsLotStatus.Pending } pendingLot ? Math.Min(points, pendingLot.Remaining) : 0;
        if (points - cancelled > 0)
        {
            return new NotCovered("The hand-written floor refunds orders whose points are still pending only.");
        }

        refund.PointsCancelled = cancelled;
        refund.PointsShortfall = points - cancelled;

        if (await InsertRefundAsync(sql, order.Id, refund, cancellationToken) is not { } refundId)
        {
            return new Retry(); // the same refund id committed in parallel: the next attempt reads it and replays
        }

        refund.Id = refundId;
        if (!await UpdateOrderAsync(sql, order, refundedBefore, refund, cancellationToken))
        {
            return new Retry();
        }

        await sql.ExecuteAsync("""UPDATE "Members" SET "TouchedAt" = @now WHERE "Id" = @member""", cancellationToken, ("@now", now), ("@member", order.MemberId));
        var events = new List<IntegrationEvent>();
        var audit = new List<(string Operation, string Target, string Detail)>();
        var atCommit = new List<AtCommit>();
        if (cancelled > 0)
        {
            if (await CancelPendingPointsAsync(sql, order, refund, read.PointsLot!, cancelled, now, cancellationToken) is not { } pointsChanged)
            {
                return new Retry();
            }

            events.Add(pointsChanged);
        }

        if (!await ClawBackAsync(sql, order, refund, read.Commissions, caller, now, events, audit, cancellationToken)
            || (order.Status == OrderStatus.FullyRefunded && !await ReturnCouponsAsync(sql, order, refund, now, events, audit, atCommit, cancellationToken)))
        {
            return new Retry();
        }

        audit.Add(("refundOrder", $"Order:{order.Id}", $"refund {refund.RefundId} ({refund.Kind}) of {refund.AmountCents} cents; points cancelled {refund.PointsCancelled}, " +
                                                     $"deducted {refund.PointsDeducted}, shortfall {refund.PointsShortfall}"));
        await AuditAsync(sql, caller, audit, atCommit, now, cancellationToken);
        await commit();
        foreach (var integrationEvent in events)
        {
            await bus.PublishAsync(integrationEvent, CancellationToken.None);
        }

        return new Refunded(order.Id, order.Status, Replayed: false);
    }

    /// <summary>The refund row, unless a refund with this id committed first (the unique index answers: no row returned).</summary>
    private static async Task<long?> InsertRefundAsync(Sql sql, long orderId, OrderRefund refund, CancellationToken cancellationToken)
    {
        await using var insert = sql.Command("""
            INSERT INTO "OrderRefunds" ("OrderId", "RefundId", "Kind", "AmountCents", "Reason", "RefundedAt", "PointsCancelled", "PointsDeducted", "PointsShortfall", "ContentHash")
            VALUES (@order, @refund, @kind, @amount, @reason, @now, @cancelled, 0, @shortfall, @hash)
            ON CONFLICT ("OrderId", "RefundId") DO NOTHING RETURNING "Id"
            """, ("@order", orderId), ("@refund", refund.RefundId), ("@kind", refund.Kind.ToString()), ("@amount", refund.AmountCents), ("@reason", refund.Reason),
            ("@now", refund.RefundedAt), ("@cancelled", refund.PointsCancelled), ("@shortfall", refund.PointsShortfall), ("@hash", refund.ContentHash));
        return await insert.ExecuteScalarAsync(cancellationToken) is { } id and not DBNull ? Convert.ToInt64(id) : null;
    }

    /// <summary>Three statements: the order (only while its refunded total is what was read), its lines, the refund's lines.</summary>
    private static async Task<bool> UpdateOrderAsync(Sql sql, Order order, long refundedBefore, OrderRefund refund, CancellationToken cancellationToken)
    {
        if (await sql.ExecuteAsync("""
                UPDATE "Orders" SET "RefundedAmountCents" = @after, "Status" = @status WHERE "Id" = @order AND "RefundedAmountCents" = @before
                """, cancellationToken, ("@after", order.RefundedAmountCents), ("@status", order.Status.ToString()), ("@order", order.Id), ("@before", refundedBefore)) != 1)
        {
            return false;
        }

        await using (var lines = sql.Command(""))
        {
            var quantities = new List<string>();
            var cents = new List<string>();
            var ids = new List<string>();
            for (var i = 0; i < refund.Lines.Count; i++)
            {
                quantities.Add($"WHEN @line{i} THEN @quantity{i}");
                cents.Add($"WHEN @line{i} THEN @cents{i}");
                ids.Add($"@line{i}");
                Sql.Add(lines, $"@line{i}", refund.Lines[i].OrderLineId);
                Sql.Add(lines, $"@quantity{i}", refund.Lines[i].Quantity);
                Sql.Add(lines, $"@cents{i}", refund.Lines[i].AmountCents);
            }

            lines.CommandText = $"""
                UPDATE "OrderLines" SET "RefundedQuantity" = "RefundedQuantity" + CASE "Id" {string.Join(' ', quantities)} END,
                  "RefundedCents" = "RefundedCents" + CASE "Id" {string.Join(' ', cents)} END
                WHERE "Id" IN ({string.Join(", ", ids)})
                """;
            await lines.ExecuteNonQueryAsync(cancellationToken);
        }

        await using var refundLines = sql.Command("");
        var rows = new List<string>();
        Sql.Add(refundLines, "@refund", refund.Id);
        for (var i = 0; i < refund.Lines.Count; i++)
        {
            rows.Add($"(@refund, @line{i}, {refund.Lines[i].LineNumber}, @quantity{i}, @cents{i})");
            Sql.Add(refundLines, $"@line{i}", refund.Lines[i].OrderLineId);
            Sql.Add(refundLines, $"@quantity{i}", refund.Lines[i].Quantity);
            Sql.Add(refundLines, $"@cents{i}", refund.Lines[i].AmountCents);
        }

        refundLines.CommandText = $"""INSERT INTO "OrderRefundLines" ("RefundId", "OrderLineId", "LineNumber", "Quantity", "AmountCents") VALUES {string.Join(", ", rows)}""";
        await refundLines.ExecuteNonQueryAsync(cancellationToken);
        return true;
    }

    /// <summary>
    /// One statement for every audit line of the refund, in the gateway's order (clawback, coupons, the refund itself), in one command
    /// after the INSERTs held for the commit (the coupons' history), as the gateway sends them at its commit.
    /// </summary>
    private static async Task AuditAsync(Sql sql, Caller caller, List<(string Operation, string Target, string Detail)> lines, List<AtCommit> atCommit, DateTime now,
        CancellationToken cancellationToken)
    {
        await using var command = sql.Command("");
        Sql.Add(command, "@subject", caller.Subject);
        Sql.Add(command, "@role", caller.Role ?? "anonymous");
        Sql.Add(command, "@now", now);
        foreach (var (name, value) in atCommit.SelectMany(a => a.Parameters))
        {
            Sql.Add(command, name, value);
        }

        var rows = new List<string>();
        for (var i = 0; i < lines.Count; i++)
        {
            rows.Add($"(@subject, @role, @operation{i}, @target{i}, @detail{i}, @now)");
            Sql.Add(command, $"@operation{i}", lines[i].Operation);
            Sql.Add(command, $"@target{i}", lines[i].Target);
            Sql.Add(command, $"@detail{i}", lines[i].Detail);
        }

        command.CommandText = string.Concat(atCommit.Select(a => a.Sql + ";\n")) +
                              $"""INSERT INTO "AuditEntries" ("Subject", "Role", "Operation", "Target", "Detail", "At") VALUES {string.Join(", ", rows)}""";
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}

using MemberGraph.Auth;
using MemberGraph.Commission;
using MemberGraph.Coupons;
using MemberGraph.Domain;
using MemberGraph.Orders;
using MemberGraph.Points;
using MemberGraph.Realtime;

namespace MemberGraph.Benchmarks.WritePath.Refund;

/// <summary>What a refund does in the other features (<c>ReversePointsOnRefund</c>, <c>CommissionClawback</c>, <c>ReturnCouponsOnRefund</c>), hand-written.</summary>
internal sealed partial class RefundWrites
{
    /// <summary>Three statements: the lot (only at the version read), the account's pending points as an UPDATE that returns it, the ledger entry.</summary>
    private async Task<PointsChanged?> CancelPendingPointsAsync(Sql sql, Order order, OrderRefund refund, RefundRead.Lot lot, long cancelled, DateTime now,
        CancellationToken cancellationToken)
    {
        if (await sql.ExecuteAsync("""
                UPDATE "PointsLots" SET "Remaining" = "Remaining" - @cancelled, "Version" = "Version" + 1,
                  "Status" = CASE WHEN "Remaining" - @cancelled = 0 THEN 'Cancelled' ELSE "Status" END
                WHERE "Id" = @lot AND "Version" = @version
                """, cancellationToken, ("@cancelled", cancelled), ("@lot", lot.Id), ("@version", lot.Version)) != 1)
        {
            return null;
        }

        long balance, pending;
        await using (var account = sql.Command("""
            UPDATE "PointsAccounts" SET "Pending" = "Pending" - @cancelled, "Version" = "Version" + 1, "UpdatedAt" = @now
            WHERE "MemberId" = @member AND "Pending" - @cancelled >= 0
            RETURNING "Balance", "Pending"
            """, ("@cancelled", cancelled), ("@now", now), ("@member", order.MemberId)))
        await using (var reader = await account.ExecuteReaderAsync(cancellationToken))
        {
            if (!await reader.ReadAsync(cancellationToken))
            {
                throw new InvalidOperationException($"Points account of member {order.MemberId} missing or would go negative (pending -{cancelled}).");
            }

            (balance, pending) = (reader.GetInt64(0), reader.GetInt64(1));
        }

        var entry = new PointsEntry
        {
            MemberId = order.MemberId, Kind = PointsEntryKind.Reverse, Amount = 0, PendingChange = -cancelled, BalanceAfter = balance, PendingAfter = pending,
            Reason = LedgerReasons.Reversed(refund.RefundId, order.Channel, order.ChannelOrderId), SourceKind = PointsSourceKind.Refund,
            SourceId = GlobalId.Encode("Order", order.Id), IdempotencyKey = $"refund:{refund.Id}:reverse", At = now,
        };
        await using var insert = sql.Command("""
            INSERT INTO "PointsEntries" ("MemberId", "Kind", "Amount", "PendingChange", "BalanceAfter", "PendingAfter", "Reason", "SourceKind", "SourceId", "IdempotencyKey", "At")
            VALUES (@member, 'Reverse', 0, @pendingChange, @balanceAfter, @pendingAfter, @reason, 'Refund', @source, @key, @now) RETURNING "Id"
            """, ("@member", order.MemberId), ("@pendingChange", entry.PendingChange), ("@balanceAfter", balance), ("@pendingAfter", pending),
            ("@reason", entry.Reason.Length > 200 ? entry.Reason[..200] : entry.Reason), ("@source", entry.SourceId), ("@key", entry.IdempotencyKey), ("@now", now));
        entry.Id = Convert.ToInt64(await insert.ExecuteScalarAsync(cancellationToken));
        return new PointsChanged(order.MemberId, balance, pending, entry, now);
    }

    /// <summary>
    /// One UPDATE for the commission lines the refund takes back (each only at the version read: a settlement in between makes
    /// the refund start again) and one per guide for the totals, returning them; false when a line moved meanwhile.
    /// </summary>
    private async Task<bool> ClawBackAsync(Sql sql, Order order, OrderRefund refund, IReadOnlyList<RefundRead.Commission> commissions, Caller caller, DateTime now,
        List<IntegrationEvent> events, List<(string, string, string)> audit, CancellationToken cancellationToken)
    {
        var refundedLines = refund.Lines.Select(l => l.OrderLineId).ToHashSet();
        var moved = new List<(RefundRead.Commission Line, OrderLine OrderLine, long Target, CommissionStatus Status, long Delta, long RefundedCents, TotalsDelta Totals)>();
        foreach (var c in commissions.Where(c => refundedLines.Contains(c.OrderLineId)).OrderBy(c => order.Lines.First(l => l.Id == c.OrderLineId).LineNumber))
        {
            var line = order.Lines.First(l => l.Id == c.OrderLineId);
            var fullyReturned = line.RefundedCents >= line.PaidShareCents && (line.PaidShareCents > 0 || line.RefundedQuantity >= line.Quantity);
            var target = fullyReturned ? c.AmountCents : Allocation.Scale(c.AmountCents, line.RefundedCents, line.PaidShareCents);
            var delta = target - c.ClawedBackCents;
            if (delta <= 0)
            {
                continue;
            }

            var wasSettled = c.Status == CommissionStatus.Settled;
            var refundedCents = refund.Lines.Where(l => l.OrderLineId == line.Id).Sum(l => l.AmountCents);
            moved.Add((c, line, target, target == c.AmountCents ? CommissionStatus.ClawedBack : c.Status, delta, refundedCents,
                new TotalsDelta(-delta, wasSettled ? 0 : -delta, wasSettled ? -delta : 0, delta)));
        }

        if (moved.Count == 0)
        {
            return true;
        }

        await using (var update = sql.Command(""))
        {
            var targets = new List<string>();
            var statuses = new List<string>();
            var versions = new List<string>();
            Sql.Add(update, "@now", now);
            for (var i = 0; i < moved.Count; i++)
            {
                targets.Add($"WHEN @id{i} THEN @target{i}");
                statuses.Add($"WHEN @id{i} THEN @status{i}");
                versions.Add($"(\"Id\" = @id{i} AND \"Version\" = @version{i})");
                Sql.Add(update, $"@id{i}", moved[i].Line.Id);
                Sql.Add(update, $"@target{i}", moved[i].Target);
                Sql.Add(update, $"@status{i}", moved[i].Status.ToString());
                Sql.Add(update, $"@version{i}", moved[i].Line.Version);
            }

            update.CommandText = $"""
                UPDATE "CommissionLines" SET "ClawedBackCents" = CASE "Id" {string.Join(' ', targets)} END, "Status" = CASE "Id" {string.Join(' ', statuses)} END,
                  "ClawedBackAt" = @now, "Version" = "Version" + 1
                WHERE {string.Join(" OR ", versions)}
                """;
            if (await update.ExecuteNonQueryAsync(cancellationToken) != moved.Count)
            {
                return false;
            }
        }

        foreach (var guide in moved.GroupBy(m => m.Line.GuideId))
        {
            var sum = guide.Aggregate(new TotalsDelta(0, 0, 0, 0), (a, m) => new TotalsDelta(a.MovementCents + m.Totals.MovementCents,
                a.PendingCents + m.Totals.PendingCents, a.SettledCents + m.Totals.SettledCents, a.ClawedBackCents + m.Totals.ClawedBackCents));
            var totals = await ApplyTotalsAsync(sql, guide.Key, sum, now, cancellationToken);
            audit.Add(("commission.clawback", $"Order:{order.Id}",
                $"refund {refund.RefundId}: {-sum.MovementCents} cents of Guide:{guide.Key}'s commission clawed back over {guide.Count()} line(s)"));

            // One event per line, each with the totals right after its own line, as the gateway publishes them.
            var perLine = new List<IntegrationEvent>();
            foreach (var m in guide.Reverse())
            {
                perLine.Add(new CommissionChanged(guide.Key, totals, order.Id, m.OrderLine.LineNumber, m.OrderLine.Sku, m.OrderLine.Category, m.RefundedCents, -m.Delta,
                    CommissionChangeReason.ClawedBack, now));
                totals = totals.Before(m.Totals);
            }

            perLine.Reverse();
            events.AddRange(perLine);
        }

        return true;
    }

    /// <summary><c>CommissionBook</c>'s atomic totals update (today and month roll over with the business day), returning the totals.</summary>
    private async Task<CommissionTotals> ApplyTotalsAsync(Sql sql, long guideId, TotalsDelta delta, DateTime now, CancellationToken cancellationToken)
    {
        await using var command = sql.Command("""
            UPDATE "GuideCommissionTotals" SET
              "TodayCents" = CASE WHEN "Day" = @day THEN "TodayCents" + @movement ELSE @movement END, "Day" = @day,
              "MonthCents" = CASE WHEN "Month" = @month THEN "MonthCents" + @movement ELSE @movement END, "Month" = @month,
              "PendingCents" = "PendingCents" + @pending, "SettledCents" = "SettledCents" + @settled, "ClawedBackCents" = "ClawedBackCents" + @clawed, "UpdatedAt" = @now
            WHERE "GuideId" = @guide
            RETURNING "TodayCents", "MonthCents", "PendingCents", "SettledCents", "ClawedBackCents"
            """, ("@day", commission.BusinessDay(now)), ("@month", commission.BusinessMonth(now)), ("@movement", delta.MovementCents), ("@pending", delta.PendingCents),
            ("@settled", delta.SettledCents), ("@clawed", delta.ClawedBackCents), ("@now", now), ("@guide", guideId));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        if (!await reader.ReadAsync(cancellationToken))
        {
            throw new InvalidOperationException($"Commission totals of guide {guideId} are missing.");
        }

        return new CommissionTotals(guideId, reader.GetInt64(0), reader.GetInt64(1), reader.GetInt64(2), reader.GetInt64(3), reader.GetInt64(4));
    }

    /// <summary>
    /// A full refund gives back the coupons written off on the order and releases the ones reserved for it: one read, one UPDATE
    /// (only while they still are what was read); the INSERT of their history goes in <paramref name="atCommit"/>, sent with the
    /// refund's audit lines in one command, and their audit lines go with the refund's.
    /// </summary>
    private static async Task<bool> ReturnCouponsAsync(Sql sql, Order order, OrderRefund refund, DateTime now, List<IntegrationEvent> events,
        List<(string, string, string)> audit, List<AtCommit> atCommit, CancellationToken cancellationToken)
    {
        const string OnTheOrder = """
            "MemberId" = @member AND (("Status" = 'Redeemed' AND "RedeemedOrderRef" = @ref) OR ("Status" = 'Reserved' AND "ReservedForOrderRef" = @ref))
            """;
        var coupons = new List<(long Id, long TemplateId, bool WasRedeemed, DateTime ValidUntil, long? Amount, long? Discount)>();
        await using (var read = sql.Command($"""
            SELECT "Id", "TemplateId", "Status", "ValidUntil", "RedeemedOrderAmountCents", "RedeemedDiscountCents" FROM "Coupons" WHERE {OnTheOrder} ORDER BY "Id"
            """, ("@member", order.MemberId), ("@ref", order.ChannelOrderId)))
        await using (var reader = await read.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                coupons.Add((reader.GetInt64(0), reader.GetInt64(1), reader.GetString(2) == nameof(CouponStatus.Redeemed), reader.GetDateTime(3),
                    reader.IsDBNull(4) ? null : reader.GetInt64(4), reader.IsDBNull(5) ? null : reader.GetInt64(5)));
            }
        }

        if (coupons.Count == 0)
        {
            return true;
        }

        var ids = string.Join(", ", coupons.Select((_, i) => $"@coupon{i}"));
        await using (var update = sql.Command($"""
            UPDATE "Coupons" SET "Status" = CASE WHEN "ValidUntil" > @now THEN 'Available' ELSE 'Expired' END,
              "ExpiredAt" = CASE WHEN "ValidUntil" > @now THEN "ExpiredAt" ELSE @now END,
              "ReservedForOrderRef" = NULL, "ReservedAt" = NULL, "RedeemedAt" = NULL, "RedeemedStoreId" = NULL, "RedeemedOrderRef" = NULL,
              "RedeemedOrderAmountCents" = NULL, "RedeemedDiscountCents" = NULL
            WHERE "Id" IN ({ids}) AND {OnTheOrder}
            """, ("@now", now), ("@member", order.MemberId), ("@ref", order.ChannelOrderId)))
        {
            for (var i = 0; i < coupons.Count; i++)
            {
                Sql.Add(update, $"@coupon{i}", coupons[i].Id);
            }

            if (await update.ExecuteNonQueryAsync(cancellationToken) != coupons.Count)
            {
                return false;
            }
        }

        var history = new AtCommit();
        history.Parameters.Add(("@store", order.StoreId));
        history.Parameters.Add(("@ref", order.ChannelOrderId));
        var rows = new List<string>();
        for (var i = 0; i < coupons.Count; i++)
        {
            var (id, templateId, wasRedeemed, validUntil, amount, discount) = coupons[i];
            var status = validUntil > now ? CouponStatus.Available : CouponStatus.Expired;
            rows.Add($"(@coupon{i}, '{(wasRedeemed ? CouponHistoryEvent.Restored : CouponHistoryEvent.Released)}', @now, @store, @ref, @amount{i}, @discount{i})");
            if (status == CouponStatus.Expired)
            {
                rows.Add($"(@coupon{i}, '{CouponHistoryEvent.Expired}', @now, NULL, NULL, NULL, NULL)");
            }

            history.Parameters.Add(($"@coupon{i}", id));
            history.Parameters.Add(($"@amount{i}", amount));
            history.Parameters.Add(($"@discount{i}", discount));
            audit.Add((wasRedeemed ? "returnCouponOnRefund" : "releaseCouponOnRefund", $"Coupon:{id}", $"order {order.Channel}:{order.ChannelOrderId} refund {refund.Id}; now {status}"));
            events.Add(new CouponChanged(order.MemberId, id, templateId, status == CouponStatus.Expired ? CouponChange.Expired : CouponChange.Released, status, validUntil, now));
        }

        history.Sql = $"""
            INSERT INTO "CouponHistory" ("CouponId", "Event", "At", "StoreId", "OrderRef", "OrderAmountCents", "DiscountCents") VALUES {string.Join(", ", rows)}
            """;
        atCommit.Add(history);
        return true;
    }
}

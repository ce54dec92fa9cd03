using MemberGraph.Auth;
using MemberGraph.Commission;
using MemberGraph.Domain;
using MemberGraph.Orders;
using MemberGraph.Points;
using MemberGraph.Realtime;
using MemberGraph.Tiers;

namespace MemberGraph.Benchmarks.WritePath;

/// <summary>What the order's handlers write on the GraphQL side (commission, points, tier, audit), as few statements as SQL allows.</summary>
internal sealed partial class OrderWrites
{
    /// <summary>Two statements: the commission lines, and the guide's totals as one upsert that returns them.</summary>
    private async Task<long> EarnCommissionAsync(Sql sql, long orderId, RecordOrderCommand order, Dictionary<int, long> lineIds, long[] shares, string? storeCode,
        long guideId, DateTime now, List<IntegrationEvent> events, CancellationToken cancellationToken)
    {
        var quotes = order.Lines.Select((l, i) => commission.QuoteFor(l.Category, storeCode, shares[i])).ToList();
        await using (var command = sql.Command(""))
        {
            var rows = new List<string>();
            Sql.Add(command, "@order", orderId);
            Sql.Add(command, "@guide", guideId);
            Sql.Add(command, "@store", order.StoreId);
            Sql.Add(command, "@now", now);
            for (var i = 0; i < order.Lines.Count; i++)
            {
                rows.Add($"(@order, @line{i}, {i + 1}, @guide, @store, @sku{i}, @category{i}, @rule{i}, @rate{i}, @base{i}, @amount{i}, 0, 'Pending', @now, 0)");
                Sql.Add(command, $"@line{i}", lineIds[i + 1]);
                Sql.Add(command, $"@sku{i}", order.Lines[i].Sku);
                Sql.Add(command, $"@category{i}", order.Lines[i].Category.ToString());
                Sql.Add(command, $"@rule{i}", quotes[i].Rule.Length > 100 ? quotes[i].Rule[..100] : quotes[i].Rule);
                Sql.Add(command, $"@rate{i}", quotes[i].RateBasisPoints);
                Sql.Add(command, $"@base{i}", shares[i]);
                Sql.Add(command, $"@amount{i}", quotes[i].AmountCents);
            }

            command.CommandText = $"""
                INSERT INTO "CommissionLines" ("OrderId", "OrderLineId", "LineNumber", "GuideId", "StoreId", "Sku", "Category", "Rule", "RateBasisPoints",
                  "BaseCents", "AmountCents", "ClawedBackCents", "Status", "EarnedAt", "Version")
                VALUES {string.Join(", ", rows)}
                """;
            await command.ExecuteNonQueryAsync(cancellationToken);
        }

        var earned = quotes.Sum(q => q.AmountCents);
        await using var totals = sql.Command("""
            INSERT INTO "GuideCommissionTotals" ("GuideId", "Day", "TodayCents", "Month", "MonthCents", "PendingCents", "SettledCents", "ClawedBackCents", "UpdatedAt")
            VALUES (@guide, @day, @earned, @month, @earned, @earned, 0, 0, @now)
            ON CONFLICT ("GuideId") DO UPDATE SET
              "TodayCents" = CASE WHEN "GuideCommissionTotals"."Day" = excluded."Day" THEN "GuideCommissionTotals"."TodayCents" + excluded."TodayCents" ELSE excluded."TodayCents" END,
              "Day" = excluded."Day",
              "MonthCents" = CASE WHEN "GuideCommissionTotals"."Month" = excluded."Month" THEN "GuideCommissionTotals"."MonthCents" + excluded."MonthCents" ELSE excluded."MonthCents" END,
              "Month" = excluded."Month",
              "PendingCents" = "GuideCommissionTotals"."PendingCents" + excluded."PendingCents",
              "UpdatedAt" = excluded."UpdatedAt"
            RETURNING "TodayCents", "MonthCents", "PendingCents", "SettledCents", "ClawedBackCents"
            """, ("@guide", guideId), ("@day", commission.BusinessDay(now)), ("@month", commission.BusinessMonth(now)), ("@earned", earned), ("@now", now));
        CommissionTotals after;
        await using (var reader = await totals.ExecuteReaderAsync(cancellationToken))
        {
            await reader.ReadAsync(cancellationToken);
            after = new CommissionTotals(guideId, reader.GetInt64(0), reader.GetInt64(1), reader.GetInt64(2), reader.GetInt64(3), reader.GetInt64(4));
        }

        // One event per line, each with the totals right after its own line, as the GraphQL side publishes them.
        var perLine = new List<IntegrationEvent>();
        for (var i = order.Lines.Count - 1; i >= 0; i--)
        {
            var line = order.Lines[i];
            perLine.Add(new CommissionChanged(guideId, after, orderId, i + 1, line.Sku, line.Category, shares[i], quotes[i].AmountCents, CommissionChangeReason.Earned, now));
            after = after.Before(new TotalsDelta(quotes[i].AmountCents, quotes[i].AmountCents, 0, 0));
        }

        perLine.Reverse();
        events.AddRange(perLine);
        return earned;
    }

    /// <summary>Three statements: the pending lot, the account as an upsert that returns it, the ledger entry.</summary>
    private async Task<PointsChanged> EarnPointsAsync(Sql sql, long orderId, RecordOrderCommand order, long memberId, long points, DateTime now,
        CancellationToken cancellationToken)
    {
        var availableAt = earn.AvailableAt(order.PaidAt);
        var pending = availableAt > now;
        await sql.ExecuteAsync("""
            INSERT INTO "PointsLots" ("MemberId", "OrderId", "Earned", "Remaining", "EarnedAt", "AvailableAt", "ExpiresAt", "Status", "Version")
            VALUES (@member, @order, @points, @points, @now, @availableAt, @expiresAt, @status, 0)
            """, cancellationToken, ("@member", memberId), ("@order", orderId), ("@points", points), ("@now", now), ("@availableAt", pending ? availableAt : now),
            ("@expiresAt", earn.ExpiresAt(order.PaidAt)), ("@status", (pending ? PointsLotStatus.Pending : PointsLotStatus.Available).ToString()));

        var (balance, pendingChange) = pending ? (0L, points) : (points, 0L);
        await using var account = sql.Command("""
            INSERT INTO "PointsAccounts" ("MemberId", "Balance", "Pending", "Version", "UpdatedAt") VALUES (@member, @balance, @pending, 1, @now)
            ON CONFLICT ("MemberId") DO UPDATE SET "Balance" = "PointsAccounts"."Balance" + excluded."Balance",
              "Pending" = "PointsAccounts"."Pending" + excluded."Pending", "Version" = "PointsAccounts"."Version" + 1, "UpdatedAt" = excluded."UpdatedAt"
            RETURNING "Balance", "Pending"
            """, ("@member", memberId), ("@balance", balance), ("@pending", pendingChange), ("@now", now));
        long balanceAfter, pendingAfter;
        await using (var reader = await account.ExecuteReaderAsync(cancellationToken))
        {
            await reader.ReadAsync(cancellationToken);
            (balanceAfter, pendingAfter) = (reader.GetInt64(0), reader.GetInt64(1));
        }

        var entry = new PointsEntry
        {
            MemberId = memberId, Kind = PointsEntryKind.Earn, Amount = balance, PendingChange = pendingChange, BalanceAfter = balanceAfter, PendingAfter = pendingAfter,
            Reason = LedgerReasons.Earned(order.Channel, order.ChannelOrderId), SourceKind = PointsSourceKind.Order, SourceId = GlobalId.Encode("Order", orderId),
            IdempotencyKey = $"order:{orderId}:earn", At = now,
        };
        await using var insert = sql.Command("""
            INSERT INTO "PointsEntries" ("MemberId", "Kind", "Amount", "PendingChange", "BalanceAfter", "PendingAfter", "Reason", "SourceKind", "SourceId", "IdempotencyKey", "At")
            VALUES (@member, 'Earn', @amount, @pendingChange, @balanceAfter, @pendingAfter, @reason, 'Order', @source, @key, @now) RETURNING "Id"
            """, ("@member", memberId), ("@amount", entry.Amount), ("@pendingChange", entry.PendingChange), ("@balanceAfter", balanceAfter),
            ("@pendingAfter", pendingAfter), ("@reason", entry.Reason), ("@source", entry.SourceId), ("@key", entry.IdempotencyKey), ("@now", now));
        entry.Id = (long)(await insert.ExecuteScalarAsync(cancellationToken))!;
        return new PointsChanged(memberId, balanceAfter, pendingAfter, entry, now);
    }

    /// <summary>Nothing to write while the level holds and the tier row exists; otherwise the row and, when it goes up, the change.</summary>
    private async Task<TierChanged?> GrowTierAsync(Sql sql, long memberId, long orderId, long growth, int? level, DateTime now, CancellationToken cancellationToken)
    {
        var target = ladder.LevelFor(growth);
        if (level is { } current && target <= current)
        {
            return null;
        }

        await sql.ExecuteAsync("""
            INSERT INTO "MemberTiers" ("MemberId", "Level", "Since") VALUES (@member, @level, @now)
            ON CONFLICT ("MemberId") DO UPDATE SET "Level" = excluded."Level", "Since" = excluded."Since"
            """, cancellationToken, ("@member", memberId), ("@level", target), ("@now", now));
        var from = level ?? 0;
        if (target <= from)
        {
            return null;
        }

        await sql.ExecuteAsync("""
            INSERT INTO "TierChanges" ("MemberId", "FromLevel", "ToLevel", "Growth", "Reason", "OrderId", "At") VALUES (@member, @from, @to, @growth, 'Order', @order, @now)
            """, cancellationToken, ("@member", memberId), ("@from", from), ("@to", target), ("@growth", growth), ("@order", orderId), ("@now", now));
        return new TierChanged(memberId, from, target, ladder.NameOf(target), now);
    }

    /// <summary>One statement for the order's audit line and its commission line, worded as the GraphQL side words them.</summary>
    private static async Task AuditAsync(Sql sql, Caller caller, long orderId, RecordOrderCommand order, long memberId, long points, Guide? guide, bool commissionPaid,
        long commissionCents, DateTime now, CancellationToken cancellationToken)
    {
        var credited = guide is null ? "" : $", attributed to Guide:{guide.Id} ({guide.Source})";
        var recorded = $"{order.Channel} {order.ChannelOrderId} for Member:{memberId}, paid {order.PaidAmountCents} cents, {points} points{credited}";
        var rows = "(@subject, @role, 'recordOrder', @target, @recorded, @now)";
        if (commissionPaid)
        {
            rows += ", (@subject, @role, 'commission.earn', @target, @earned, @now)";
        }

        await sql.ExecuteAsync($"""INSERT INTO "AuditEntries" ("Subject", "Role", "Operation", "Target", "Detail", "At") VALUES {rows}""", cancellationToken,
            ("@subject", caller.Subject), ("@role", caller.Role ?? "anonymous"), ("@target", $"Order:{orderId}"), ("@recorded", recorded),
            ("@earned", guide is null ? null : $"Guide:{guide.Id} ({guide.Source}) earned {commissionCents} cents over {order.Lines.Count} line(s)"), ("@now", now));
    }
}

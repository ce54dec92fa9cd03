using System.Data.Common;
using MemberGraph.Auth;
using MemberGraph.Commission;
using MemberGraph.Domain;
using MemberGraph.Orders;
using MemberGraph.Points;
using MemberGraph.Realtime;
using MemberGraph.Tiers;

namespace MemberGraph.Benchmarks.WritePath;

/// <summary>
/// recordOrder's writes for a returning member, hand-written with as few statements as SQL allows, in one transaction:
/// the order and its lines, its points (pending lot, ledger entry, account), the member's tier growth, the guide's
/// attribution and commission (lines and totals), the member's touch mark and the two audit lines; after the commit the same
/// integration events. The business rules are the gateway's own pure functions (points, commission, tier ladder, allocation).
/// This is the floor the GraphQL side is compared with, so it takes every shortcut the path allows: the order's unique
/// index is its only replay check, reads are joined, rows are inserted with RETURNING, totals and accounts are upserts.
/// </summary>
internal sealed partial class OrderWrites(EarnRules earn, CommissionRules commission, TierLadder ladder, IEventBus bus, TimeProvider clock)
{
    public async Task<(long OrderId, long Points)?> RecordAsync(Sql sql, RecordOrderCommand order, Caller caller, Func<Task> commit, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        if (await ReturningMemberAsync(sql, order, cancellationToken) is not { } buyer)
        {
            return null; // a new or merged buyer is OneID's work, which this floor does not take on
        }

        var (storeCode, guide) = await StoreAndGuideAsync(sql, order, buyer.MemberId, cancellationToken);
        var (growthBefore, level) = await GrowthAsync(sql, buyer.MemberId, now, cancellationToken);

        var shares = Allocation.Proportional(order.PaidAmountCents, order.Lines.Select(l => l.AmountCents).ToList());
        var birthdayMonth = earn.IsBirthdayMonth(buyer.Birthday, order.PaidAt);
        var points = order.Lines.Select((l, i) => earn.PointsForLine(order.Channel, l.Category, shares[i], birthdayMonth)).ToArray();
        var earned = points.Sum();
        var paysCommission = guide is { } g && !(order.StoreId is { } sold && sold != g.StoreId && commission.CrossStore == CrossStoreRule.NoCommission);

        await using var insertOrder = sql.Command("""
            INSERT INTO "Orders" ("Channel", "ChannelOrderId", "MemberId", "StoreId", "GuideCode", "ShareParameter", "AttributedGuideId", "AttributionSource",
              "PaidAmountCents", "RefundedAmountCents", "PaidAt", "RecordedAt", "Status", "PointsEarned", "ContentHash")
            VALUES (@channel, @channelOrderId, @member, @store, @guideCode, @share, @guide, @source, @paid, 0, @paidAt, @now, 'Paid', @points, @hash)
            RETURNING "Id"
            """, ("@channel", order.Channel.ToString()), ("@channelOrderId", order.ChannelOrderId), ("@member", buyer.MemberId), ("@store", order.StoreId),
            ("@guideCode", order.GuideCode), ("@share", order.ShareParameter), ("@guide", guide?.Id),
            ("@source", (guide is null ? AttributionSource.None : guide.Source).ToString()), ("@paid", order.PaidAmountCents), ("@paidAt", order.PaidAt), ("@now", now),
            ("@points", earned), ("@hash", ContentHash.Of(order, order.StoreId)));
        var orderId = (long)(await insertOrder.ExecuteScalarAsync(cancellationToken))!;
        var lineIds = await InsertLinesAsync(sql, orderId, order, shares, points, cancellationToken);

        var events = new List<IntegrationEvent>();
        var commissionCents = 0L;
        if (paysCommission)
        {
            commissionCents = await EarnCommissionAsync(sql, orderId, order, lineIds, shares, storeCode, guide!.Id, now, events, cancellationToken);
        }

        if (earned > 0)
        {
            events.Add(await EarnPointsAsync(sql, orderId, order, buyer.MemberId, earned, now, cancellationToken));
        }

        if (await GrowTierAsync(sql, buyer.MemberId, orderId, growthBefore + (order.PaidAt >= ladder.WindowStart(now) ? order.PaidAmountCents : 0), level, now, cancellationToken) is { } changed)
        {
            events.Add(changed);
        }

        await sql.ExecuteAsync("""UPDATE "Members" SET "TouchedAt" = @now WHERE "Id" = @member""", cancellationToken, ("@now", now), ("@member", buyer.MemberId));
        await AuditAsync(sql, caller, orderId, order, buyer.MemberId, earned, guide, paysCommission, commissionCents, now, cancellationToken);
        await commit();
        foreach (var integrationEvent in events)
        {
            await bus.PublishAsync(integrationEvent, CancellationToken.None);
        }

        return (orderId, earned);
    }

    private sealed record Buyer(long MemberId, DateOnly? Birthday);

    private sealed record Guide(long Id, long StoreId, AttributionSource Source);

    /// <summary>One read: the buyer's identities, all known and all pointing at one active member.</summary>
    private static async Task<Buyer?> ReturningMemberAsync(Sql sql, RecordOrderCommand order, CancellationToken cancellationToken)
    {
        await using var command = sql.Command("");
        var where = new List<string>();
        for (var i = 0; i < order.Identities.Count; i++)
        {
            where.Add($"""(i."Channel" = @c{i} AND i."ExternalId" = @e{i})""");
            Sql.Add(command, $"@c{i}", order.Identities[i].Channel.ToString());
            Sql.Add(command, $"@e{i}", order.Identities[i].ExternalId);
        }

        command.CommandText = $"""
            SELECT i."MemberId", m."Status", m."Birthday" FROM "Identities" i JOIN "Members" m ON m."Id" = i."MemberId" WHERE {string.Join(" OR ", where)}
            """;
        var found = new List<(long Member, string Status, DateOnly? Birthday)>();
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                found.Add((reader.GetInt64(0), reader.GetString(1), reader.IsDBNull(2) ? null : reader.GetFieldValue<DateOnly>(2)));
            }
        }

        return found.Count == order.Identities.Count && found.All(f => f.Member == found[0].Member && f.Status == "Active")
            ? new Buyer(found[0].Member, found[0].Birthday)
            : null;
    }

    /// <summary>One read for the selling store's code and the guide the order's code names; the exclusive guide only without one.</summary>
    private async Task<(string? StoreCode, Guide? Guide)> StoreAndGuideAsync(Sql sql, RecordOrderCommand order, long memberId, CancellationToken cancellationToken)
    {
        string? storeCode = null;
        Guide? guide = null;
        await using (var command = sql.Command("""
            SELECT (SELECT "Code" FROM "Stores" WHERE "Id" = @store), g."Id", g."StoreId"
            FROM (SELECT 1) AS one LEFT JOIN "Guides" g ON g."GuideCode" = @code AND g."Status" = 'Active'
            """, ("@store", order.StoreId), ("@code", order.GuideCode)))
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
        {
            await reader.ReadAsync(cancellationToken);
            storeCode = reader.IsDBNull(0) ? null : reader.GetString(0);
            if (!reader.IsDBNull(1) && Eligible(reader.GetInt64(2), order.StoreId))
            {
                guide = new Guide(reader.GetInt64(1), reader.GetInt64(2), AttributionSource.GuideCode);
            }
        }

        if (guide is null)
        {
            await using var exclusive = sql.Command("""
                SELECT r."GuideId", g."StoreId" FROM "GuideRelationships" r JOIN "Guides" g ON g."Id" = r."GuideId"
                WHERE r."MemberId" = @member AND r."Kind" = 'Exclusive' AND r."EndedAt" IS NULL AND g."Status" = 'Active' LIMIT 1
                """, ("@member", memberId));
            await using var reader = await exclusive.ExecuteReaderAsync(cancellationToken);
            if (await reader.ReadAsync(cancellationToken) && Eligible(reader.GetInt64(1), order.StoreId))
            {
                guide = new Guide(reader.GetInt64(0), reader.GetInt64(1), AttributionSource.ExclusiveGuide);
            }
        }

        return (storeCode, guide);
    }

    private bool Eligible(long guideStoreId, long? storeId) =>
        commission.CrossStore != CrossStoreRule.StoreGuideInstead || storeId is null || storeId == guideStoreId;

    /// <summary>One read: the member's growth in the window before this order, and their level (null without a tier row).</summary>
    private async Task<(long Growth, int? Level)> GrowthAsync(Sql sql, long memberId, DateTime now, CancellationToken cancellationToken)
    {
        await using var command = sql.Command("""
            SELECT COALESCE((SELECT SUM("PaidAmountCents" - "RefundedAmountCents") FROM "Orders" WHERE "MemberId" = @member AND "PaidAt" >= @since), 0),
                   (SELECT "Level" FROM "MemberTiers" WHERE "MemberId" = @member)
            """, ("@member", memberId), ("@since", ladder.WindowStart(now)));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        await reader.ReadAsync(cancellationToken);
        return (reader.GetInt64(0), reader.IsDBNull(1) ? null : reader.GetInt32(1));
    }

    private static async Task<Dictionary<int, long>> InsertLinesAsync(Sql sql, long orderId, RecordOrderCommand order, long[] shares, long[] points,
        CancellationToken cancellationToken)
    {
        await using var command = sql.Command("");
        var rows = new List<string>();
        Sql.Add(command, "@order", orderId);
        for (var i = 0; i < order.Lines.Count; i++)
        {
            var line = order.Lines[i];
            rows.Add($"(@order, {i + 1}, @sku{i}, @category{i}, @quantity{i}, @amount{i}, @share{i}, @points{i}, 0, 0)");
            Sql.Add(command, $"@sku{i}", line.Sku);
            Sql.Add(command, $"@category{i}", line.Category.ToString());
            Sql.Add(command, $"@quantity{i}", line.Quantity);
            Sql.Add(command, $"@amount{i}", line.AmountCents);
            Sql.Add(command, $"@share{i}", shares[i]);
            Sql.Add(command, $"@points{i}", points[i]);
        }

        command.CommandText = $"""
            INSERT INTO "OrderLines" ("OrderId", "LineNumber", "Sku", "Category", "Quantity", "AmountCents", "PaidShareCents", "Points", "RefundedQuantity", "RefundedCents")
            VALUES {string.Join(", ", rows)} RETURNING "LineNumber", "Id"
            """;
        var ids = new Dictionary<int, long>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            ids[reader.GetInt32(0)] = reader.GetInt64(1);
        }

        return ids;
    }
}

using MemberGraph.Domain;
using MemberGraph.Members;
using MemberGraph.Orders;
using MemberGraph.Points;

namespace MemberGraph.Seeding;

/// <summary>A seeded member as the order generator needs them.</summary>
internal sealed record DemoBuyer(long Id, DateTime CreatedAt, DateOnly? Birthday, IReadOnlyDictionary<IdentityChannel, string> Identities);

/// <summary>A store of the demo brand with its guides' codes and ids.</summary>
internal sealed record DemoStore(long Id, string Code, IReadOnlyList<(long Id, string Code)> Guides);

/// <summary>One member's generated history: orders (with lines and refunds), their points lots, and the ledger.</summary>
internal sealed record DemoHistory(List<Order> Orders, List<PointsLot> Lots, List<PointsEntry> Entries);

/// <summary>
/// Generates a member's months of orders across channels with the same rules the services apply (paid share per
/// line, earn rates, birthday multiplier, return window, expiry, FIFO redemption), so the seeded ledger, lots and
/// accounts agree exactly. Deterministic for a given random stream and member sequence.
/// </summary>
internal sealed class DemoOrderHistory(EarnRules rules, DateTime now, IReadOnlyList<DemoStore> stores)
{
    private const int HistoryDays = 400;

    private static readonly (ProductCategory Category, int Weight, string[] Skus, int MinCents, int MaxCents)[] Catalog =
    [
        (ProductCategory.ImportedFruit, 30, ["IMP-CHERRY-500G", "IMP-DURIAN-1PC", "IMP-KIWI-6PC", "IMP-MANGO-2PC", "IMP-GRAPE-SHINE"], 3_000, 12_000),
        (ProductCategory.DomesticFruit, 35, ["DOM-APPLE-1KG", "DOM-ORANGE-1KG", "DOM-PEAR-1KG", "DOM-BANANA-1KG", "DOM-LYCHEE-500G"], 800, 3_000),
        (ProductCategory.CutFruit, 15, ["CUT-MIX-BOX", "CUT-MELON-CUP", "CUT-PINEAPPLE-CUP"], 1_500, 3_500),
        (ProductCategory.GiftBox, 8, ["GIFT-FESTIVAL", "GIFT-IMPORT-DELUXE", "GIFT-SEASONAL"], 12_800, 39_800),
        (ProductCategory.Juice, 12, ["JUICE-ORANGE", "JUICE-WATERMELON", "JUICE-MIX"], 1_200, 2_500),
    ];

    private long _orderId;
    private long _lineId;
    private long _refundId;
    private long _refundLineId;
    private long _lotId;

    public void StartIds(long order, long line, long refund, long refundLine, long lot) =>
        (_orderId, _lineId, _refundId, _refundLineId, _lotId) = (order, line, refund, refundLine, lot);

    public DemoHistory Generate(Random random, DemoBuyer buyer)
    {
        var history = new DemoHistory([], [], []);
        var count = OrderCount(random);
        var from = Max(buyer.CreatedAt, now.AddDays(-HistoryDays));
        var until = now.AddHours(-1);
        if (count == 0 || from >= until || buyer.Identities.Count == 0)
        {
            return history;
        }

        var home = stores[random.Next(stores.Count)];
        var times = Enumerable.Range(0, count).Select(_ => from.AddSeconds(random.NextDouble() * (until - from).TotalSeconds)).Order().ToList();
        var events = new List<(DateTime At, PointsEntry Entry)>();
        foreach (var paidAt in times)
        {
            var order = NewOrder(random, buyer, home, paidAt);
            history.Orders.Add(order);
            AddPoints(random, order, history, events);
        }

        Redeem(random, buyer.Id, history, events);
        Ledger(events, history);
        return history;
    }

    private static int OrderCount(Random random) => random.Next(100) switch
    {
        < 25 => 0,
        < 45 => 1,
        < 60 => 2,
        < 85 => random.Next(3, 6),
        _ => random.Next(6, 13),
    };

    private Order NewOrder(Random random, DemoBuyer buyer, DemoStore home, DateTime paidAt)
    {
        var channel = Channel(random, buyer);
        var store = channel switch
        {
            SalesChannel.Pos => random.Next(10) < 8 ? home : stores[random.Next(stores.Count)],
            SalesChannel.MiniProgram or SalesChannel.Meituan when random.Next(2) == 0 => home,
            _ => null,
        };
        (long Id, string Code)? guide = store is { Guides.Count: > 0 } && random.Next(10) < 3 ? store.Guides[random.Next(store.Guides.Count)] : null;

        var lines = new List<RecordOrderLine>();
        for (var n = random.Next(1, 5); n > 0; n--)
        {
            var (category, _, skus, min, max) = PickCategory(random);
            var quantity = random.Next(10) < 7 ? 1 : random.Next(2, 4);
            lines.Add(new RecordOrderLine(skus[random.Next(skus.Length)], category, quantity, quantity * (min + random.Next(max - min) / 10 * 10)));
        }

        var total = lines.Sum(l => l.AmountCents);
        var paid = random.Next(10) < 7 ? total : total - total * random.Next(5, 16) / 100;
        var id = ++_orderId;
        var identity = IdentityFor(channel, buyer);
        var command = new RecordOrderCommand(channel, ChannelOrderId(channel, id, paidAt, store), [new OrderIdentity(identity.Key, identity.Value)], store?.Id,
            guide?.Code, guide is not null && channel == SalesChannel.MiniProgram ? $"share:{guide.Value.Code}" : null, lines, paid, paidAt);

        var order = new Order
        {
            Id = id, Channel = channel, ChannelOrderId = command.ChannelOrderId, MemberId = buyer.Id, StoreId = store?.Id, GuideCode = command.GuideCode,
            ShareParameter = command.ShareParameter, AttributedGuideId = guide?.Id,
            AttributionSource = guide is null ? AttributionSource.None : AttributionSource.GuideCode, PaidAmountCents = paid, PaidAt = paidAt, RecordedAt = paidAt.AddMinutes(random.Next(1, 30)),
            ContentHash = ContentHash.Of(command, store?.Id),
        };
        var shares = Allocation.Proportional(paid, lines.ConvertAll(l => l.AmountCents));
        var birthdayMonth = rules.IsBirthdayMonth(buyer.Birthday, paidAt);
        for (var i = 0; i < lines.Count; i++)
        {
            order.Lines.Add(new OrderLine
            {
                Id = ++_lineId, OrderId = id, LineNumber = i + 1, Sku = lines[i].Sku, ProductName = DemoProducts.NameOf(lines[i].Sku), Category = lines[i].Category, Quantity = lines[i].Quantity,
                AmountCents = lines[i].AmountCents, PaidShareCents = shares[i], Points = rules.PointsForLine(channel, lines[i].Category, shares[i], birthdayMonth),
            });
        }

        order.PointsEarned = order.Lines.Sum(l => l.Points);
        return order;
    }

    /// <summary>The order's lot and ledger events; about 3% of orders are fully refunded two days later (inside the window).</summary>
    private void AddPoints(Random random, Order order, DemoHistory history, List<(DateTime, PointsEntry)> events)
    {
        var refundAt = order.PaidAt.AddDays(2);
        var refunded = random.Next(100) < 3 && refundAt < now;
        if (refunded)
        {
            var refund = new OrderRefund
            {
                Id = ++_refundId, OrderId = order.Id, RefundId = $"RF{order.Id}", Kind = RefundKind.Full, AmountCents = order.PaidAmountCents,
                Reason = "不新鲜 / not fresh", RefundedAt = refundAt, PointsCancelled = order.PointsEarned, ContentHash = ContentHash.Of(new RefundOrderCommand(order.Id, null, null, $"RF{order.Id}", null, null, "不新鲜 / not fresh")),
            };
            foreach (var line in order.Lines)
            {
                (line.RefundedQuantity, line.RefundedCents) = (line.Quantity, line.PaidShareCents);
                refund.Lines.Add(new OrderRefundLine { Id = ++_refundLineId, RefundId = refund.Id, OrderLineId = line.Id, LineNumber = line.LineNumber, Quantity = line.Quantity, AmountCents = line.PaidShareCents });
            }

            order.Refunds.Add(refund);
            (order.RefundedAmountCents, order.Status) = (order.PaidAmountCents, OrderStatus.FullyRefunded);
        }

        if (order.PointsEarned == 0)
        {
            return;
        }

        var points = order.PointsEarned;
        var availableAt = rules.AvailableAt(order.PaidAt);
        var lot = new PointsLot
        {
            Id = ++_lotId, MemberId = order.MemberId, OrderId = order.Id, Earned = points, Remaining = points, EarnedAt = order.RecordedAt,
            AvailableAt = availableAt, ExpiresAt = rules.ExpiresAt(order.PaidAt),
            Status = refunded ? PointsLotStatus.Cancelled : availableAt <= now ? PointsLotStatus.Available : PointsLotStatus.Pending,
        };
        history.Lots.Add(lot);
        var source = GlobalId.Encode("Order", order.Id);
        var available = lot.Status == PointsLotStatus.Available;
        events.Add((order.RecordedAt, Entry(order.MemberId, PointsEntryKind.Earn, available ? points : 0, available ? 0 : points,
            LedgerReasons.Earned(order.Channel, order.ChannelOrderId), PointsSourceKind.Order, source, $"order:{order.Id}:earn")));
        if (refunded)
        {
            lot.Remaining = 0;
            var reversed = LedgerReasons.Reversed(order.Refunds[0].RefundId, order.Channel, order.ChannelOrderId);
            events.Add((refundAt, Entry(order.MemberId, PointsEntryKind.Reverse, 0, -points, reversed, PointsSourceKind.Refund, source,
                $"refund:{order.Refunds[0].Id}:reverse")));
        }
        else if (available && lot.ExpiresAt <= now)
        {
            (lot.Remaining, lot.Status) = (0, PointsLotStatus.Expired);
            events.Add((lot.ExpiresAt, Entry(order.MemberId, PointsEntryKind.Expire, -points, 0, LedgerReasons.Expired(lot.EarnedAt), PointsSourceKind.Job, source,
                $"expire:{lot.Id}")));
        }
    }

    /// <summary>About one member in seven with 200+ available points spent 40% of them yesterday, oldest lots first.</summary>
    private void Redeem(Random random, long memberId, DemoHistory history, List<(DateTime, PointsEntry)> events)
    {
        var lots = history.Lots.Where(l => l.Status == PointsLotStatus.Available && l.Remaining > 0).OrderBy(l => l.ExpiresAt).ThenBy(l => l.Id).ToList();
        var balance = lots.Sum(l => l.Remaining);
        if (balance < 200 || random.Next(7) != 0)
        {
            return;
        }

        var amount = balance * 4 / 10 / 10 * 10;
        var left = amount;
        foreach (var lot in lots.TakeWhile(_ => left > 0))
        {
            var taken = Math.Min(left, lot.Remaining);
            (lot.Remaining, left) = (lot.Remaining - taken, left - taken);
            lot.Status = lot.Remaining == 0 ? PointsLotStatus.Exhausted : lot.Status;
        }

        // A reason the member's redemption gave (redeemPoints writes it as given), in the members' language like every ledger reason.
        events.Add((now.AddDays(-1), Entry(memberId, PointsEntryKind.Redeem, -amount, 0, "积分换购：鲜榨橙汁", PointsSourceKind.Member, null,
            $"demo-redeem:{memberId}")));
    }

    /// <summary>Orders the events in time and writes the running totals on each entry.</summary>
    private static void Ledger(List<(DateTime At, PointsEntry Entry)> events, DemoHistory history)
    {
        long balance = 0, pending = 0;
        foreach (var (at, entry) in events.OrderBy(e => e.At))
        {
            (balance, pending) = (balance + entry.Amount, pending + entry.PendingChange);
            (entry.At, entry.BalanceAfter, entry.PendingAfter) = (at, balance, pending);
            history.Entries.Add(entry);
        }
    }

    private static PointsEntry Entry(long memberId, PointsEntryKind kind, long amount, long pendingChange, string reason, PointsSourceKind sourceKind, string? sourceId, string key) =>
        new() { MemberId = memberId, Kind = kind, Amount = amount, PendingChange = pendingChange, Reason = reason, SourceKind = sourceKind, SourceId = sourceId, IdempotencyKey = key };

    private static SalesChannel Channel(Random random, DemoBuyer buyer)
    {
        var options = new List<SalesChannel> { SalesChannel.Pos, SalesChannel.Pos };
        if (buyer.Identities.ContainsKey(IdentityChannel.WechatOpenid))
        {
            options.AddRange([SalesChannel.MiniProgram, SalesChannel.MiniProgram, SalesChannel.Meituan]);
        }

        if (buyer.Identities.ContainsKey(IdentityChannel.TmallOuid))
        {
            options.Add(SalesChannel.Tmall);
        }

        if (buyer.Identities.ContainsKey(IdentityChannel.JdPin))
        {
            options.Add(SalesChannel.Jd);
        }

        return options[random.Next(options.Count)];
    }

    private static KeyValuePair<IdentityChannel, string> IdentityFor(SalesChannel channel, DemoBuyer buyer)
    {
        var preferred = channel switch
        {
            SalesChannel.MiniProgram or SalesChannel.Meituan => IdentityChannel.WechatOpenid,
            SalesChannel.Tmall => IdentityChannel.TmallOuid,
            SalesChannel.Jd => IdentityChannel.JdPin,
            _ => IdentityChannel.PosCard,
        };
        return buyer.Identities.TryGetValue(preferred, out var id) ? new(preferred, id)
            : buyer.Identities.TryGetValue(IdentityChannel.Phone, out var phone) ? new(IdentityChannel.Phone, phone)
            : buyer.Identities.First();
    }

    private static string ChannelOrderId(SalesChannel channel, long id, DateTime paidAt, DemoStore? store) => channel switch
    {
        SalesChannel.Pos => $"POS-{store!.Code}-{id:00000000}",
        SalesChannel.Tmall => $"TM{paidAt:yyyyMMdd}{id:00000000}",
        SalesChannel.Jd => $"JD{paidAt:yyMMdd}{id:000000000}",
        SalesChannel.Meituan => $"MT{id:0000000000}",
        _ => $"MP{paidAt:yyyyMMddHHmm}{id:00000000}",
    };

    private static (ProductCategory, int, string[], int, int) PickCategory(Random random)
    {
        var roll = random.Next(Catalog.Sum(c => c.Weight));
        foreach (var entry in Catalog)
        {
            if ((roll -= entry.Weight) < 0)
            {
                return entry;
            }
        }

        return Catalog[^1];
    }

    private static DateTime Max(DateTime a, DateTime b) => a > b ? a : b;
}

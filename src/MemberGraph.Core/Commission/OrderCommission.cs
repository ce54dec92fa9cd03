using MemberGraph.Data;
using MemberGraph.Orders;

namespace MemberGraph.Commission;

/// <summary>
/// Commission on a recorded order, inside the order's transaction (see <see cref="EarnCommissionOnOrder"/>): one
/// <see cref="CommissionLine"/> per line of an attributed order (by the configured rules), the guide's totals moved by
/// one atomic update, and the <see cref="CommissionChanged"/> events to publish once the order commits.
/// </summary>
public sealed class OrderCommission(CommissionRules rules, CommissionBook book, TimeProvider clock)
{
    public async Task<IReadOnlyList<CommissionChanged>> EarnAsync(MemberGraphDb db, Order order, Attribution attribution, CancellationToken cancellationToken)
    {
        if (attribution.GuideId is not { } guideId)
        {
            return [];
        }

        var crossStore = order.StoreId is { } sold && sold != attribution.GuideStoreId;
        if (crossStore && rules.CrossStore == CrossStoreRule.NoCommission)
        {
            return [];
        }

        var storeCode = order.StoreId is { } storeId && rules.NamesStores
            ? await AttributionReads.StoreCodeAsync(db, storeId, cancellationToken)
            : null;
        var now = clock.GetUtcNow().UtcDateTime;
        var lines = order.Lines.OrderBy(l => l.LineNumber).Select(line =>
        {
            var quote = rules.QuoteFor(line.Category, storeCode, line.PaidShareCents);
            return new CommissionLine
            {
                OrderId = order.Id, OrderLineId = line.Id, LineNumber = line.LineNumber, GuideId = guideId, StoreId = order.StoreId,
                Sku = line.Sku, Category = line.Category, Rule = quote.Rule.Length > 100 ? quote.Rule[..100] : quote.Rule,
                RateBasisPoints = quote.RateBasisPoints, BaseCents = line.PaidShareCents, AmountCents = quote.AmountCents, EarnedAt = now,
            };
        }).ToList();

        await MultiRowInsert.InsertAsync(db, lines, l => l.LineNumber, cancellationToken);

        var earned = lines.Sum(l => l.AmountCents);
        var totals = await book.EarnAsync(db, guideId, new TotalsDelta(earned, earned, 0, 0), cancellationToken);

        // One event per line; each carries the totals as they stood right after its own line.
        var events = new List<CommissionChanged>(lines.Count);
        for (var i = lines.Count - 1; i >= 0; i--)
        {
            var line = lines[i];
            events.Add(new CommissionChanged(guideId, totals, order.Id, line.LineNumber, line.Sku, line.Category, line.BaseCents, line.AmountCents,
                CommissionChangeReason.Earned, now));
            totals = totals.Before(new TotalsDelta(line.AmountCents, line.AmountCents, 0, 0));
        }

        events.Reverse();
        return events;
    }
}

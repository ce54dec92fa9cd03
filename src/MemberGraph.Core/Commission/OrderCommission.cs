using System.Data.Common;
using MemberGraph.Data;
using MemberGraph.Orders;
using Microsoft.EntityFrameworkCore;

namespace MemberGraph.Commission;

/// <summary>What each line of an attributed order earns, priced before the order's write turn (no order or line ids yet).</summary>
public sealed record PricedCommission(IReadOnlyList<CommissionLine> Lines)
{
    public static readonly PricedCommission Nothing = new([]);
}

/// <summary>
/// Commission on a recorded order in two steps. <see cref="PriceAsync"/>, before the order's write turn (see <see cref="AttributeOrder"/>):
/// one <see cref="CommissionLine"/> per line of an attributed order, by the configured rules on the rates read then.
/// <see cref="EarnAsync"/>, inside the order's transaction (see <see cref="EarnCommissionOnOrder"/>): the priced lines get the order's
/// ids and go in as one statement, the guide's totals move by one atomic update, and the <see cref="CommissionChanged"/> events to
/// publish once the order commits come back. Inside the turn only those two statements run.
/// </summary>
public sealed class OrderCommission(CommissionRules rules, CommissionBook book, TimeProvider clock)
{
    /// <summary>The lines the order's guide earns on, priced but not saved; none when the order is not attributed or pays no commission.</summary>
    public async Task<PricedCommission> PriceAsync(MemberGraphDb db, Order order, Attribution attribution, CancellationToken cancellationToken)
    {
        if (attribution.GuideId is not { } guideId)
        {
            return PricedCommission.Nothing;
        }

        var crossStore = order.StoreId is { } sold && sold != attribution.GuideStoreId;
        if (crossStore && rules.CrossStore == CrossStoreRule.NoCommission)
        {
            return PricedCommission.Nothing;
        }

        var storeCode = order.StoreId is { } storeId && rules.NamesStores
            ? await AttributionReads.StoreCodeAsync(db, storeId, cancellationToken)
            : null;
        return new PricedCommission(order.Lines.OrderBy(l => l.LineNumber).Select(line =>
        {
            var quote = rules.QuoteFor(line.Category, storeCode, line.PaidShareCents);
            return new CommissionLine
            {
                LineNumber = line.LineNumber, GuideId = guideId, StoreId = order.StoreId,
                Sku = line.Sku, Category = line.Category, Rule = quote.Rule.Length > 100 ? quote.Rule[..100] : quote.Rule,
                RateBasisPoints = quote.RateBasisPoints, BaseCents = line.PaidShareCents, AmountCents = quote.AmountCents,
            };
        }).ToList());
    }

    /// <summary>
    /// Writes the priced lines of the inserted <paramref name="order"/> and moves the guide's totals. The lines are not tracked and
    /// their keys not read back: nothing in the order's transaction changes or finds them again (a refund's clawback reads them later).
    /// </summary>
    public async Task<IReadOnlyList<CommissionChanged>> EarnAsync(MemberGraphDb db, Order order, PricedCommission priced, CancellationToken cancellationToken)
    {
        var lines = priced.Lines;
        if (lines.Count == 0)
        {
            return [];
        }

        var now = clock.GetUtcNow().UtcDateTime;
        var guideId = lines[0].GuideId;
        foreach (var line in lines)
        {
            line.OrderId = order.Id;
            line.OrderLineId = LineId(order, line.LineNumber);
            line.EarnedAt = now;
        }

        try
        {
            await MultiRowInsert.InsertWithoutKeysAsync(db, lines, cancellationToken);
        }
        catch (DbException refused)
        {
            // As a save would report it (the unique line index, a lost conflict), so the order's retry sees what it expects.
            throw new DbUpdateException("An error occurred while saving the entity changes. See the inner exception for details.", refused);
        }

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

    private static long LineId(Order order, int lineNumber)
    {
        foreach (var line in order.Lines)
        {
            if (line.LineNumber == lineNumber)
            {
                return line.Id;
            }
        }

        throw new InvalidOperationException($"Order:{order.Id} has no line {lineNumber}.");
    }
}

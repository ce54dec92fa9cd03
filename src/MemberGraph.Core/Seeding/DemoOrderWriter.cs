using System.Data.Common;
using MemberGraph.Orders;

namespace MemberGraph.Seeding;

/// <summary>Writes generated order histories with batched multi-row inserts (children flush their parents first).</summary>
/// <remarks>
/// Statements are kept to about <see cref="RowsPerFlush"/> rows: binding named parameters costs Microsoft.Data.Sqlite
/// time quadratic in their number, so 1,000-row statements of 10-15 columns are several times slower than 100-row ones.
/// </remarks>
internal sealed class DemoOrderWriter
{
    private const int RowsPerFlush = 100;
    private readonly bool _isSqlServer;
    private int _buffered;
    private readonly BatchInsert _orders;
    private readonly BatchInsert _lines;
    private readonly BatchInsert _refunds;
    private readonly BatchInsert _refundLines;
    private readonly BatchInsert _lots;
    private readonly BatchInsert _entries;

    public DemoOrderWriter(DbConnection connection, bool isSqlServer)
    {
        _isSqlServer = isSqlServer;
        _orders = new BatchInsert(connection, "Orders",
            ["Id", "Channel", "ChannelOrderId", "MemberId", "StoreId", "GuideCode", "ShareParameter", "AttributedGuideId", "AttributionSource", "PaidAmountCents", "RefundedAmountCents",
             "PaidAt", "RecordedAt", "Status", "PointsEarned", "ContentHash"], isSqlServer);
        _lines = new BatchInsert(connection, "OrderLines",
            ["Id", "OrderId", "LineNumber", "Sku", "ProductName", "Category", "Quantity", "AmountCents", "PaidShareCents", "Points", "RefundedQuantity", "RefundedCents"], isSqlServer, _orders);
        _refunds = new BatchInsert(connection, "OrderRefunds",
            ["Id", "OrderId", "RefundId", "Kind", "AmountCents", "Reason", "RefundedAt", "PointsCancelled", "PointsDeducted", "PointsShortfall", "ContentHash"], isSqlServer, _orders);
        _refundLines = new BatchInsert(connection, "OrderRefundLines", ["Id", "RefundId", "OrderLineId", "LineNumber", "Quantity", "AmountCents"], isSqlServer, _refunds);
        _lots = new BatchInsert(connection, "PointsLots",
            ["Id", "MemberId", "OrderId", "Earned", "Remaining", "EarnedAt", "AvailableAt", "ExpiresAt", "Status", "Version"], isSqlServer, _orders);
        _entries = new BatchInsert(connection, "PointsEntries",
            ["Id", "MemberId", "Kind", "Amount", "PendingChange", "BalanceAfter", "PendingAfter", "Reason", "SourceKind", "SourceId", "IdempotencyKey", "At"], isSqlServer, _lots);
    }

    private IEnumerable<BatchInsert> All => [_orders, _lines, _refunds, _refundLines, _lots, _entries];

    public void Enlist(DbTransaction transaction)
    {
        foreach (var insert in All)
        {
            insert.Enlist(transaction);
        }
    }

    public async Task WriteAsync(DemoHistory history, CancellationToken cancellationToken)
    {
        foreach (var o in history.Orders)
        {
            await _orders.AddAsync([o.Id, o.Channel.ToString(), o.ChannelOrderId, o.MemberId, o.StoreId, o.GuideCode, o.ShareParameter, o.AttributedGuideId,
                o.AttributionSource.ToString(), o.PaidAmountCents, o.RefundedAmountCents, o.PaidAt, o.RecordedAt, o.Status.ToString(), o.PointsEarned, o.ContentHash], cancellationToken);
            foreach (var l in o.Lines)
            {
                await _lines.AddAsync([l.Id, l.OrderId, l.LineNumber, l.Sku, l.ProductName, l.Category.ToString(), l.Quantity, l.AmountCents, l.PaidShareCents, l.Points,
                    l.RefundedQuantity, l.RefundedCents], cancellationToken);
            }

            foreach (var r in o.Refunds)
            {
                await _refunds.AddAsync([r.Id, r.OrderId, r.RefundId, r.Kind.ToString(), r.AmountCents, r.Reason, r.RefundedAt, r.PointsCancelled, r.PointsDeducted,
                    r.PointsShortfall, r.ContentHash], cancellationToken);
                foreach (var rl in r.Lines)
                {
                    await _refundLines.AddAsync([rl.Id, rl.RefundId, rl.OrderLineId, rl.LineNumber, rl.Quantity, rl.AmountCents], cancellationToken);
                }
            }
        }

        foreach (var lot in history.Lots)
        {
            await _lots.AddAsync([lot.Id, lot.MemberId, lot.OrderId, lot.Earned, lot.Remaining, lot.EarnedAt, lot.AvailableAt, lot.ExpiresAt, lot.Status.ToString(), 0L], cancellationToken);
        }

        foreach (var e in history.Entries)
        {
            await _entries.AddAsync([e.Id, e.MemberId, e.Kind.ToString(), e.Amount, e.PendingChange, e.BalanceAfter, e.PendingAfter, e.Reason, e.SourceKind.ToString(),
                e.SourceId, e.IdempotencyKey, e.At], cancellationToken);
        }

        _buffered += history.Orders.Sum(o => 1 + o.Lines.Count + o.Refunds.Sum(r => 1 + r.Lines.Count)) + history.Lots.Count + history.Entries.Count;
        if (_buffered >= RowsPerFlush)
        {
            await FlushAsync(cancellationToken);
        }
    }

    /// <summary>Writes what is buffered: each insert flushes its parent first, so leaves last.</summary>
    public async Task FlushAsync(CancellationToken cancellationToken)
    {
        await _lines.FlushAsync(cancellationToken);
        await _refundLines.FlushAsync(cancellationToken);
        await _entries.FlushAsync(cancellationToken);
        foreach (var insert in All)
        {
            await insert.FlushAsync(cancellationToken);
        }

        _buffered = 0;
    }

    /// <summary>A DateTime as the provider stores it (SQLite: EF's text format), for hand-written SQL.</summary>
    public object Value(DateTime value) => _isSqlServer ? value : value.ToString("yyyy-MM-dd HH:mm:ss.FFFFFFF");
}

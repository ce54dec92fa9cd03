using System.Collections.Concurrent;
using System.Text.Json;
using MemberGraph.Auth;
using MemberGraph.Coupons;
using MemberGraph.Data;
using MemberGraph.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace MemberGraph.Benchmarks.WritePath.Refund;

/// <summary>
/// The refunds refundOrder makes: each request refunds in full a fresh paid order of the order scenario (a returning member,
/// 2 to 5 lines, a guide's code, points still pending) on which a coupon of the bench's own template was written off — so a
/// refund cancels pending points, claws back the guide's commission and gives the coupon back. The orders are recorded
/// before each slice, outside the measurement, through the hand-written recordOrder (whose rows were checked against
/// /graphql's), a few hundred per transaction; the pool is topped up to twice the most either side took in one slice. When it
/// runs dry a request names an unknown order and is counted as failed (and shown), rather than refunding an order twice.
/// </summary>
internal sealed class RefundScenario
{
    public const string RefundOrder = """
        mutation Refund($input: RefundOrderInput!) { refundOrder(input: $input) { order { id status } replayed errors { code message field } } }
        """;

    private const int PerTransaction = 250;
    private static readonly Caller Preparer = new("bench:prepare", Roles.Admin, null, null, null, null, new HashSet<string>());

    private readonly BenchGateway _gateway;
    private readonly OrderScenario _orders;
    private readonly long _templateId;
    private readonly ConcurrentQueue<long> _pool = new();
    private long _next = 500_000_000;
    private int _takenSinceTopUp;
    private int _target = 600;

    private RefundScenario(BenchGateway gateway, OrderScenario orders, long templateId, string token)
    {
        _gateway = gateway;
        _orders = orders;
        _templateId = templateId;
        Token = token;
    }

    public string Token { get; }

    public static async Task<RefundScenario> CreateAsync(BenchGateway gateway, OrderScenario orders, string token)
    {
        await using var db = await gateway.DbAsync();
        var now = DateTime.UtcNow;
        var template = new CouponTemplate
        {
            Name = $"Bench refund give-back {now:HHmmss}",
            Kind = CouponKind.InStore,
            ValueKind = CouponValueKind.AmountOff,
            AmountOffCents = 500,
            ThresholdCents = 1_000,
            ValidDaysAfterIssue = 30,
            TotalStock = 10_000_000,
            PerMemberLimit = 10_000_000,
            Claimable = false,
            CreatedAt = now,
            UpdatedAt = now,
        };
        db.CouponTemplates.Add(template);
        await db.SaveChangesAsync();
        return new RefundScenario(gateway, orders, template.Id, token);
    }

    /// <summary>Before a slice: fresh orders up to twice the most a slice took so far (600 at first).</summary>
    public async Task TopUpAsync()
    {
        _target = Math.Max(_target, 2 * Interlocked.Exchange(ref _takenSinceTopUp, 0));
        if (_target - _pool.Count is > 0 and var missing)
        {
            foreach (var id in await PrepareAsync(missing, buyer: null))
            {
                _pool.Enqueue(id);
            }
        }
    }

    /// <summary>
    /// Records <paramref name="count"/> paid orders (for <paramref name="buyer"/>, or random returning members) and writes a coupon
    /// off on each, as a till would have; returns the orders' ids. With a buyer, the orders have the same content (the check's).
    /// </summary>
    public async Task<List<long>> PrepareAsync(int count, OrderScenario.Buyer? buyer)
    {
        var writes = _gateway.Services.GetRequiredService<OrderWrites>();
        var statements = new HandWrittenStatements();
        var prepared = new List<long>(count);
        var checkNumber = Interlocked.Increment(ref _next);
        for (var start = 0; start < count; start += PerTransaction)
        {
            await using var db = await _gateway.DbAsync();
            await db.Database.OpenConnectionAsync();
            var connection = db.Database.GetDbConnection();
            await using var transaction = await connection.BeginTransactionAsync();
            var sql = new Sql(connection, transaction, statements);
            var coupons = new List<(long OrderId, long MemberId, long? StoreId, string OrderRef, long Paid)>();
            foreach (var _ in Enumerable.Range(start, Math.Min(PerTransaction, count - start)))
            {
                var number = buyer is null ? Interlocked.Increment(ref _next) : checkNumber;
                var input = _orders.Input(number, buyer, buyer is null ? null : $"RF-CHECK-{Interlocked.Increment(ref _next)}");
                var command = HandWrittenOrder.CommandOf(input);
                var recorded = await writes.RecordAsync(sql, command, Preparer, () => Task.CompletedTask, CancellationToken.None)
                               ?? throw new InvalidOperationException($"Order {command.ChannelOrderId} could not be prepared for a refund.");
                var memberId = buyer?.MemberId ?? _orders.Buyers.First(b => b.Card == command.Identities[0].ExternalId).MemberId;
                coupons.Add((recorded.OrderId, memberId, command.StoreId, command.ChannelOrderId, command.PaidAmountCents));
            }

            await WriteOffCouponsAsync(sql, coupons);
            await transaction.CommitAsync();
            prepared.AddRange(coupons.Select(c => c.OrderId));
        }

        return prepared;
    }

    /// <summary>One coupon written off on each order (5 yuan off), in the columns and history a write-off leaves.</summary>
    private async Task WriteOffCouponsAsync(Sql sql, List<(long OrderId, long MemberId, long? StoreId, string OrderRef, long Paid)> orders)
    {
        var now = DateTime.UtcNow;
        foreach (var (_, memberId, storeId, orderRef, paid) in orders)
        {
            await using var coupon = sql.Command("""
                INSERT INTO "Coupons" ("TemplateId", "MemberId", "Code", "Status", "Source", "IssuedAt", "ValidFrom", "ValidUntil",
                  "RedeemedAt", "RedeemedStoreId", "RedeemedOrderRef", "RedeemedOrderAmountCents", "RedeemedDiscountCents")
                VALUES (@template, @member, @code, 'Redeemed', 'Campaign', @now, @now, @until, @now, @store, @ref, @paid, 500) RETURNING "Id"
                """, ("@template", _templateId), ("@member", memberId), ("@code", CouponCode.NewCode()), ("@now", now), ("@until", now.AddDays(30)),
                ("@store", storeId), ("@ref", orderRef), ("@paid", paid));
            var couponId = Convert.ToInt64(await coupon.ExecuteScalarAsync());
            await sql.ExecuteAsync("""
                INSERT INTO "CouponHistory" ("CouponId", "Event", "At", "StoreId", "OrderRef", "OrderAmountCents", "DiscountCents")
                VALUES (@coupon, 'Redeemed', @now, @store, @ref, @paid, 500)
                """, CancellationToken.None, ("@coupon", couponId), ("@now", now), ("@store", storeId), ("@ref", orderRef), ("@paid", paid));
        }
    }

    public static object Input(long orderId) => new { orderId = GlobalId.Encode("Order", orderId), refundId = $"RF-{orderId}", reason = "bench: returned at the till" };

    /// <summary>The next refund: a fresh order in full (order 0, which does not exist, when the pool ran dry).</summary>
    public HttpRequestMessage Next(string path)
    {
        Interlocked.Increment(ref _takenSinceTopUp);
        return Request(path, Input(_pool.TryDequeue(out var orderId) ? orderId : 0));
    }

    public HttpRequestMessage Request(string path, object input) => WriteOperation.Post(path, path == "/graphql"
        ? OrderScenario.GraphQLBody(RefundOrder, input)
        : JsonSerializer.SerializeToUtf8Bytes(new { input }), Token);
}

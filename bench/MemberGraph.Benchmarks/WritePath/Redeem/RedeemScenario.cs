using System.Collections.Concurrent;
using System.Text.Json;
using MemberGraph.Auth;
using MemberGraph.Coupons;
using MemberGraph.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace MemberGraph.Benchmarks.WritePath.Redeem;

/// <summary>
/// The write-offs redeemCoupon makes: staff of one demo store write off available coupons of a template of the bench's
/// own (5 yuan off from 10 yuan, valid 30 days, usable everywhere), issued beforehand to the order scenario's returning
/// members — each request another coupon, for its own till order of 50 yuan. The pool is sized for the run; when it runs
/// dry a request names an unknown code and is counted as failed (and shown), rather than writing off a coupon twice.
/// </summary>
internal sealed class RedeemScenario
{
    public const string RedeemCoupon = """
        mutation Redeem($input: RedeemCouponInput!) { redeemCoupon(input: $input) { coupon { id status } replayed errors { code message field } } }
        """;

    public const long OrderAmountCents = 5_000;

    private readonly ConcurrentQueue<string> _codes;
    private readonly Queue<string> _checkCodes;
    private long _next;

    private RedeemScenario(long storeId, string token, List<string> codes, int buyers)
    {
        // Coupons i and i + buyers belong to the same member: the check takes those two, the load the rest.
        _checkCodes = new Queue<string>([codes[0], codes[buyers]]);
        codes.RemoveAt(buyers);
        codes.RemoveAt(0);
        StoreId = storeId;
        Token = token;
        _codes = new ConcurrentQueue<string>(codes);
    }

    public long StoreId { get; }

    public string Token { get; }

    public static async Task<RedeemScenario> CreateAsync(BenchGateway gateway, IReadOnlyList<OrderScenario.Buyer> buyers, int coupons)
    {
        await using var db = await gateway.DbAsync();
        var now = DateTime.UtcNow;
        var storeId = await db.Stores.AsNoTracking().OrderBy(s => s.Id).Select(s => s.Id).FirstAsync();
        var template = new CouponTemplate
        {
            Name = $"Bench write-off {now:HHmmss}",
            Kind = CouponKind.InStore,
            ValueKind = CouponValueKind.AmountOff,
            AmountOffCents = 500,
            ThresholdCents = 1_000,
            ValidDaysAfterIssue = 30,
            TotalStock = coupons,
            Issued = coupons,
            PerMemberLimit = coupons,
            Claimable = false,
            CreatedAt = now,
            UpdatedAt = now,
        };
        db.CouponTemplates.Add(template);
        await db.SaveChangesAsync();
        var (validFrom, validUntil) = template.ValidityFor(now);
        var codes = new List<string>(coupons);
        for (var issued = 0; issued < coupons; issued += 5_000)
        {
            db.ChangeTracker.Clear();
            var batch = Enumerable.Range(issued, Math.Min(5_000, coupons - issued)).Select(i => new Coupon
            {
                TemplateId = template.Id,
                MemberId = buyers[i % buyers.Count].MemberId,
                Code = CouponCode.NewCode(),
                Status = CouponStatus.Available,
                Source = CouponSource.Campaign,
                IssuedAt = now,
                ValidFrom = validFrom,
                ValidUntil = validUntil,
            }).ToList();
            db.Coupons.AddRange(batch);
            await db.SaveChangesAsync();
            codes.AddRange(batch.Select(c => CouponCode.Format(c.Code)));
        }

        var token = gateway.Services.GetRequiredService<TokenIssuer>().Issue(new TokenSubject(Roles.Staff, StoreId: storeId), TimeSpan.FromHours(2)).Token;
        return new RedeemScenario(storeId, token, codes, buyers.Count);
    }

    /// <summary>
    /// A write-off for the rows check: the next coupon of the pool's first member (the pool deals coupons round-robin, so the
    /// check's two coupons share member and template), for the order <paramref name="orderRef"/>.
    /// </summary>
    public object CheckInput(string orderRef) => Input(_checkCodes.Dequeue(), orderRef);

    /// <summary>The next write-off: an unused coupon's code (as the member shows it) for a new till order.</summary>
    public object NextInput() => Input(_codes.TryDequeue(out var code) ? code : "POOL-EMPTY-0000-0000", $"BENCH-WO-{Interlocked.Increment(ref _next)}");

    public static object Input(string code, string orderRef) => new { code, orderRef, orderAmountCents = OrderAmountCents };

    public HttpRequestMessage Next(string path) => WriteOperation.Post(path, Body(path, NextInput()), Token);

    public static byte[] Body(string path, object input) => path == "/graphql"
        ? OrderScenario.GraphQLBody(RedeemCoupon, input)
        : JsonSerializer.SerializeToUtf8Bytes(new { input });
}

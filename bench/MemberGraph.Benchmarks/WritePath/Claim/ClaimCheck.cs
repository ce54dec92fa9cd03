using System.Text.Json.Nodes;
using MemberGraph.Data;
using MemberGraph.Domain;
using Microsoft.EntityFrameworkCore;

namespace MemberGraph.Benchmarks.WritePath.Claim;

/// <summary>
/// Before claimCoupon is timed: the same member claims the bench template once through each side, and the rows each claim
/// wrote must be the same (the coupon, its history, the audit line, one unit of the template's stock), or the run stops.
/// </summary>
internal static class ClaimCheck
{
    public static async Task SameClaimWritesAsync(BenchGateway gateway, ClaimScenario claims)
    {
        var token = claims.Token(0);
        var templateId = GlobalId.TryDecode(claims.TemplateId, "CouponTemplate")!.Value;
        var issuedBefore = await IssuedAsync(gateway, templateId);
        var (viaGraphQL, graphQLStatements) = await SendAsync(gateway, WriteOperation.Post("/graphql", claims.Body("/graphql"), token));
        var issuedBetween = await IssuedAsync(gateway, templateId);
        var (viaHand, handStatements) = await SendAsync(gateway, WriteOperation.Post(HandWrittenClaim.Path, claims.Body(HandWrittenClaim.Path), token));
        var issuedAfter = await IssuedAsync(gateway, templateId);
        Console.WriteLine($"SQL statements for one claimCoupon: /graphql {graphQLStatements}, hand-written {handStatements}.");

        var a = await RowsAsync(gateway, viaGraphQL) + $"\nstock taken: {issuedBetween - issuedBefore}";
        var b = await RowsAsync(gateway, viaHand) + $"\nstock taken: {issuedAfter - issuedBetween}";
        if (a != b)
        {
            throw new InvalidOperationException($"The two sides wrote different rows for the same claim:\n/graphql:\n{a}\nhand-written:\n{b}");
        }
    }

    private static async Task<int> IssuedAsync(BenchGateway gateway, long templateId)
    {
        await using var db = await gateway.DbAsync();
        return await db.CouponTemplates.AsNoTracking().Where(t => t.Id == templateId).Select(t => t.Issued).SingleAsync();
    }

    private static async Task<(long CouponId, long Statements)> SendAsync(BenchGateway gateway, HttpRequestMessage request)
    {
        var before = gateway.SqlStatements + gateway.HandWrittenStatements;
        using var response = await gateway.Http.SendAsync(request);
        var body = await response.Content.ReadAsStringAsync();
        var statements = gateway.SqlStatements + gateway.HandWrittenStatements - before;
        var id = JsonNode.Parse(body)?["data"]?["claimCoupon"]?["coupon"]?["id"]?.GetValue<string>()
                 ?? throw new InvalidOperationException($"claimCoupon failed: {body}");
        return (GlobalId.TryDecode(id, "Coupon")!.Value, statements);
    }

    /// <summary>What the claim wrote, without the coupon's id, code and times (they differ by nature; the window is kept relative to the issue).</summary>
    private static async Task<string> RowsAsync(BenchGateway gateway, long couponId)
    {
        await using var db = await gateway.DbAsync();
        var coupon = await db.Coupons.AsNoTracking().SingleAsync(c => c.Id == couponId);
        var history = await db.CouponHistory.AsNoTracking().Where(h => h.CouponId == couponId).OrderBy(h => h.Id)
            .Select(h => $"{h.Event} store {h.StoreId} {h.OrderRef} {h.OrderAmountCents} {h.DiscountCents}").ToListAsync();
        var audit = await db.AuditEntries.AsNoTracking().Where(e => e.Target == $"Coupon:{couponId}").OrderBy(e => e.Operation)
            .Select(e => e.Operation + " " + e.Role + " " + e.Subject + " " + e.Detail).ToListAsync();
        return $"""
            coupon: template {coupon.TemplateId} member {coupon.MemberId} {coupon.Status} {coupon.Source} from +{coupon.ValidFrom - coupon.IssuedAt} until +{coupon.ValidUntil - coupon.IssuedAt} code length {coupon.Code.Length} guide {coupon.SentByGuideId} key {coupon.IdempotencyKey}
            history: {string.Join("; ", history)}
            audit: {string.Join("; ", audit)}
            """;
    }
}

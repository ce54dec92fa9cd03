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
        var (viaGraphQL, graphQLStatements) = await CheckedRequest.SendAsync(gateway, WriteOperation.Post("/graphql", claims.Body("/graphql"), token), "claimCoupon", "coupon", "Coupon");
        var issuedBetween = await IssuedAsync(gateway, templateId);
        var (viaHand, handStatements) = await CheckedRequest.SendAsync(gateway, WriteOperation.Post(HandWrittenClaim.Path, claims.Body(HandWrittenClaim.Path), token), "claimCoupon", "coupon", "Coupon");
        var issuedAfter = await IssuedAsync(gateway, templateId);
        Console.WriteLine($"SQL statements for one claimCoupon: /graphql {graphQLStatements}, hand-written {handStatements}.");

        var a = await CouponRows.DescribeAsync(gateway, viaGraphQL) + $"\nstock taken: {issuedBetween - issuedBefore}";
        var b = await CouponRows.DescribeAsync(gateway, viaHand) + $"\nstock taken: {issuedAfter - issuedBetween}";
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
}

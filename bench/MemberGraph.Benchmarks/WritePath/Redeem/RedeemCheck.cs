namespace MemberGraph.Benchmarks.WritePath.Redeem;

/// <summary>
/// Before redeemCoupon is timed: two coupons of the same member and template, written off for the same amount at the same
/// till through each side, must leave the same rows (the coupon's write-off columns, its Redeemed history entry, the audit
/// line), or the run stops.
/// </summary>
internal static class RedeemCheck
{
    public static async Task SameWriteOffWritesAsync(BenchGateway gateway, RedeemScenario writeOffs)
    {
        var graphQL = WriteOperation.Post("/graphql", RedeemScenario.Body("/graphql", writeOffs.CheckInput("CHECK-WO")), writeOffs.Token);
        var hand = WriteOperation.Post(HandWrittenRedeem.Path, RedeemScenario.Body(HandWrittenRedeem.Path, writeOffs.CheckInput("CHECK-WO")), writeOffs.Token);
        var (viaGraphQL, graphQLStatements) = await CheckedRequest.SendAsync(gateway, graphQL, "redeemCoupon", "coupon", "Coupon");
        var (viaHand, handStatements) = await CheckedRequest.SendAsync(gateway, hand, "redeemCoupon", "coupon", "Coupon");
        Console.WriteLine($"SQL statements for one redeemCoupon: /graphql {graphQLStatements}, hand-written {handStatements}.");

        var a = await CouponRows.DescribeAsync(gateway, viaGraphQL);
        var b = await CouponRows.DescribeAsync(gateway, viaHand);
        if (a != b)
        {
            throw new InvalidOperationException($"The two sides wrote different rows for the same write-off:\n/graphql:\n{a}\nhand-written:\n{b}");
        }
    }
}

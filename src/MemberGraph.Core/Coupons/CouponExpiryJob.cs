using MemberGraph.Jobs;

namespace MemberGraph.Coupons;

/// <summary>
/// Expires coupons past their validity and raises "expiring soon" events once per coupon (hourly, at :05), which the
/// member's couponUpdated subscription and reminder messages pick up.
/// </summary>
public sealed class CouponExpiryJob(CouponExpiry expiry) : IMemberGraphJob
{
    public string Name => "coupon-expiry";

    public string Schedule => "0 5 * * * ?";

    public async Task RunAsync(JobRunContext run, CancellationToken cancellationToken)
    {
        var expired = await expiry.ExpireCouponsAsync(run.Now, cancellationToken);
        await run.ReportAsync(expired, summary: $"{{\"expired\":{expired}}}", cancellationToken: cancellationToken);
        var expiringSoon = await expiry.NotifyExpiringSoonAsync(run.Now, cancellationToken);
        await run.ReportAsync(expired + expiringSoon, expired + expiringSoon, $"{{\"expired\":{expired},\"expiringSoon\":{expiringSoon}}}", cancellationToken);
    }
}

using MemberGraph.Jobs;

namespace MemberGraph.Coupons;

/// <summary>
/// Expires coupons past their validity, raises "expiring soon" events once per coupon (hourly, at :05), which the
/// member's couponUpdated subscription picks up, and sends the expiry reminders (WeChat subscribe messages) to the holders
/// who accepted them (<see cref="CouponExpiryReminders"/>).
/// </summary>
public sealed class CouponExpiryJob(CouponExpiry expiry, CouponExpiryReminders reminders) : IMemberGraphJob
{
    public string Name => "coupon-expiry";

    public string Schedule => "0 5 * * * ?";

    public async Task RunAsync(JobRunContext run, CancellationToken cancellationToken)
    {
        var expired = await expiry.ExpireCouponsAsync(run.Now, cancellationToken);
        await run.ReportAsync(expired, summary: $"{{\"expired\":{expired}}}", cancellationToken: cancellationToken);
        var expiringSoon = await expiry.NotifyExpiringSoonAsync(run.Now, cancellationToken);
        await run.ReportAsync(expired + expiringSoon, summary: $"{{\"expired\":{expired},\"expiringSoon\":{expiringSoon}}}", cancellationToken: cancellationToken);
        var reminded = await reminders.SendAsync(run.Now, cancellationToken);
        var processed = expired + expiringSoon + reminded;
        await run.ReportAsync(processed, processed, $"{{\"expired\":{expired},\"expiringSoon\":{expiringSoon},\"reminded\":{reminded}}}", cancellationToken);
    }
}

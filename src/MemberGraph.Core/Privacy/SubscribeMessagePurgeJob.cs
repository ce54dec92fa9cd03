using MemberGraph.Coupons;
using MemberGraph.Data;
using MemberGraph.Jobs;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace MemberGraph.Privacy;

/// <summary>
/// Deletes the records of subscribe messages sent longer ago than <c>Privacy:SubscribeMessageRetention</c> (90 days),
/// daily at 05:15. A coupon-expiry reminder's record is also what stops a second reminder for the same coupon, so it
/// stays while its coupon is still valid, however old (a coupon past its end is never reminded again).
/// </summary>
public sealed class SubscribeMessagePurgeJob(
    IDbContextFactory<MemberGraphDb> factory, IOptions<PrivacyRetentionOptions> options, ILogger<SubscribeMessagePurgeJob> logger) : IMemberGraphJob
{
    public string Name => "subscribe-message-purge";

    public string Schedule => "0 15 5 * * ?";

    public async Task RunAsync(JobRunContext run, CancellationToken cancellationToken)
    {
        var now = run.Now;
        var sentBefore = now - options.Value.SubscribeMessageRetention;
        await BatchedPurge.RunAsync(Name, run, factory, db => db.SubscribeMessages
                .Where(m => m.CreatedAt < sentBefore)
                .Where(m => m.Purpose != SubscribeMessagePurpose.CouponExpiring
                            || !db.Coupons.Any(c => c.Id == m.SubjectId && c.Status == CouponStatus.Available && c.ValidUntil > now))
                .OrderBy(m => m.Id),
            "sentBefore", sentBefore, logger, cancellationToken);
    }
}

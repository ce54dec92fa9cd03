using MemberGraph.Data;
using MemberGraph.Orders;
using Microsoft.EntityFrameworkCore;

namespace MemberGraph.Operations.Journeys;

/// <summary>
/// A journey's funnel: entered (every enrolment), waiting, acted, skipped, failed, and converted — acted enrolments
/// whose member paid an order after the actions and within the journey's window (<see cref="JourneyEnrolment.ConvertBy"/>).
/// Two set-based queries: a GROUP BY status and an EXISTS count.
/// </summary>
public sealed record JourneyCounts(long Entered, long Waiting, long Acted, long Skipped, long Failed, long Converted)
{
    public static async Task<JourneyCounts> OfAsync(MemberGraphDb db, long journeyId, CancellationToken cancellationToken)
    {
        var byStatus = await db.JourneyEnrolments.AsNoTracking()
            .Where(e => e.JourneyId == journeyId)
            .GroupBy(e => e.Status)
            .Select(g => new { Status = g.Key, Count = g.LongCount() })
            .ToDictionaryAsync(g => g.Status, g => g.Count, cancellationToken);
        var converted = await db.JourneyEnrolments.AsNoTracking()
            .Where(e => e.JourneyId == journeyId && e.Status == JourneyEnrolmentStatus.Acted)
            .LongCountAsync(e => db.Orders.Any(o => o.MemberId == e.MemberId && o.PaidAt > e.ActedAt && o.PaidAt <= e.ConvertBy
                                                    && o.Status != OrderStatus.FullyRefunded), cancellationToken);
        long Of(JourneyEnrolmentStatus status) => byStatus.GetValueOrDefault(status);
        return new JourneyCounts(byStatus.Values.Sum(), Of(JourneyEnrolmentStatus.Waiting), Of(JourneyEnrolmentStatus.Acted),
            Of(JourneyEnrolmentStatus.Skipped), Of(JourneyEnrolmentStatus.Failed), converted);
    }
}

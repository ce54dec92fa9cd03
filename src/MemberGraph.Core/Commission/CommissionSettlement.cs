using MemberGraph.Audit;
using MemberGraph.Auth;
using MemberGraph.Data;
using MemberGraph.Domain;
using Microsoft.EntityFrameworkCore;

namespace MemberGraph.Commission;

/// <summary>A settlement run: how many lines of which guides it settled, and for how much.</summary>
public sealed record CommissionSettled(string SettlementId, int Lines, long Cents, IReadOnlyList<long> GuideIds);

/// <summary>
/// Settles commission: every PENDING line earned before a date (of one guide, or all) becomes SETTLED in one
/// transaction with the guides' totals (pending down, settled up, by atomic updates) and an audit line per guide.
/// Lines are claimed by one conditional UPDATE tagged with the run's id, so parallel runs never settle a line twice,
/// and a refund racing with the run fails on the line's version and retries against the settled line.
/// </summary>
public sealed class CommissionSettlement(IDbContextFactory<MemberGraphDb> factory, CommissionBook book, AuditLog audit, TimeProvider clock)
{
    public async Task<Outcome<CommissionSettled>> SettleAsync(long? guideId, DateTime before, Caller caller, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        if (before > now)
        {
            return Outcome<CommissionSettled>.Refused(UserErrorCode.InvalidInput, "Only commission earned in the past can be settled: 'before' is in the future.", "before");
        }

        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        if (guideId is { } id && !await db.Guides.AnyAsync(g => g.Id == id, cancellationToken))
        {
            return Outcome<CommissionSettled>.Refused(UserErrorCode.NotFound, "No such guide.", "guideId");
        }

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var settlementId = Guid.NewGuid().ToString("D");
        var lines = db.CommissionLines.Where(l => l.Status == CommissionStatus.Pending && l.EarnedAt < before);
        if (guideId is { } only)
        {
            lines = lines.Where(l => l.GuideId == only);
        }

        await lines.ExecuteUpdateAsync(s => s
            .SetProperty(l => l.Status, CommissionStatus.Settled)
            .SetProperty(l => l.SettledAt, now)
            .SetProperty(l => l.SettlementId, settlementId)
            .SetProperty(l => l.Version, l => l.Version + 1), cancellationToken);
        var perGuide = await db.CommissionLines.Where(l => l.SettlementId == settlementId)
            .GroupBy(l => l.GuideId)
            .Select(g => new { GuideId = g.Key, Lines = g.Count(), Cents = g.Sum(l => l.AmountCents - l.ClawedBackCents) })
            .ToListAsync(cancellationToken);
        foreach (var guide in perGuide.OrderBy(g => g.GuideId))
        {
            await book.ApplyAsync(db, guide.GuideId, new TotalsDelta(0, -guide.Cents, guide.Cents, 0), cancellationToken);
            audit.Record(db, caller, "commission.settle", $"Guide:{guide.GuideId}",
                $"settlement {settlementId}: {guide.Lines} line(s), {guide.Cents} cents earned before {before:O}");
        }

        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return Outcome<CommissionSettled>.Ok(new CommissionSettled(settlementId, perGuide.Sum(g => g.Lines), perGuide.Sum(g => g.Cents),
            perGuide.ConvertAll(g => g.GuideId)));
    }
}

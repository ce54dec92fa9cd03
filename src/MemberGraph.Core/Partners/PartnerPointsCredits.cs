using MemberGraph.Audit;
using MemberGraph.Auth;
using MemberGraph.Data;
using MemberGraph.Domain;
using MemberGraph.Members;
using MemberGraph.Points;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace MemberGraph.Partners;

/// <summary>
/// A credit as <c>creditPartnerPoints</c> answers it: the transaction and the member's balance now (null on a replay for a
/// member who no longer consents to the partner for POINTS_EXCHANGE).
/// </summary>
public sealed record PartnerCredit(PartnerReceipt Receipt, long? Balance);

/// <summary>
/// <c>creditPartnerPoints</c>: a partner (scope <c>points:exchange</c>) turns a member's points with it into brand points
/// (积分互通), for a member who consents to it for POINTS_EXCHANGE, found by their pairwise id. The rate and the daily caps
/// are the partner's <see cref="PartnerCreditRule"/> from configuration. One transaction writes everything: the day's
/// counters (conditional UPDATEs: a cap holds under any number of parallel credits), an available lot, the account, an
/// EARN entry of source PARTNER and the <see cref="PartnerTransaction"/> whose unique index makes the partner's
/// transaction id count once: a replay answers the first credit, the same id for another member or amount is
/// IDEMPOTENCY_CONFLICT.
/// </summary>
public sealed class PartnerPointsCredits(
    IDbContextFactory<MemberGraphDb> factory,
    PointsLedger ledger,
    EarnRules rules,
    AuditLog audit,
    DomainEventDispatcher events,
    IOptions<PartnerOptions> options,
    TimeProvider clock)
{
    private const int Attempts = 4;
    private const long MaxPartnerPoints = 100_000_000;

    public async Task<Outcome<PartnerCredit>> CreditAsync(
        Caller caller, string? pairwiseId, string? transactionId, long partnerPoints, CancellationToken cancellationToken)
    {
        if (!PartnerTransactions.IsValidId(transactionId))
        {
            return PartnerErrors.TransactionIdInvalid();
        }

        if (partnerPoints is <= 0 or > MaxPartnerPoints)
        {
            return new UserError(UserErrorCode.InvalidInput, $"partnerPoints is between 1 and {MaxPartnerPoints}.", "partnerPoints");
        }

        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await TryCreditAsync(caller, pairwiseId ?? "", transactionId!, partnerPoints, cancellationToken);
            }
            catch (DbUpdateException ex) when (attempt < Attempts && ex.IsRetryable())
            {
                // A parallel credit with the same transaction id (or the day's first credit creating a counter) committed
                // first: the next attempt sees it.
            }
        }
    }

    private async Task<Outcome<PartnerCredit>> TryCreditAsync(
        Caller caller, string pairwiseId, string transactionId, long partnerPoints, CancellationToken cancellationToken)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var partner = await PartnerAccess.RequireCurrentAsync(db, caller, PartnerScope.PointsExchange, cancellationToken);
        var memberId = await db.PairwiseIdentities.AsNoTracking()
            .Where(p => p.PartnerId == partner.Id && p.PairwiseId == pairwiseId).Select(p => (long?)p.MemberId).FirstOrDefaultAsync(cancellationToken);
        if (!options.Value.PointsCredit.TryGetValue(partner.ClientId, out var rule))
        {
            return PartnerErrors.CreditNotConfigured();
        }

        var points = rule.PointsFor(partnerPoints);
        if (await ReplayAsync(db, partner.Id, transactionId, memberId, partnerPoints, cancellationToken) is { } replay)
        {
            return replay;
        }

        // An unknown pairwise id, another partner's, an inactive member and a member without this consent: one answer.
        if (memberId is not { } member
            || !await db.Members.AnyAsync(m => m.Id == member && m.Status == MemberStatus.Active, cancellationToken)
            || !await PartnerTransactions.ConsentsAsync(db, member, partner.Id, PartnerConsentPurpose.PointsExchange, cancellationToken))
        {
            return PartnerErrors.ConsentRequired(PartnerConsentPurpose.PointsExchange, "memberId");
        }

        if (points <= 0)
        {
            return PartnerErrors.CreditTooSmall(rule.PartnerPointsPerPoint);
        }

        var now = clock.GetUtcNow().UtcDateTime;
        var day = rules.BusinessDay(now);
        await EnsureCounterAsync(partner.Id, day, member, cancellationToken);
        await EnsureCounterAsync(partner.Id, day, PartnerDailyCredit.AllMembers, cancellationToken);
        await using var work = await events.BeginAsync(db, cancellationToken);
        var perMember = await CountAsync(db, partner.Id, day, member, points, rule.DailyCapPerMember, cancellationToken);
        if (!perMember || !await CountAsync(db, partner.Id, day, PartnerDailyCredit.AllMembers, points, rule.DailyCap, cancellationToken))
        {
            // On a server that runs writers in parallel, a replay of this very credit may have waited on the counter's
            // row lock while the first one committed: the counter then holds the first one's points, and the replay must
            // answer as one rather than as a refusal (each statement sees what was committed before it started).
            return await ReplayAsync(db, partner.Id, transactionId, memberId, partnerPoints, cancellationToken)
                   ?? PartnerErrors.DailyCapReached(perMember ? rule.DailyCap : rule.DailyCapPerMember, perMember: !perMember);
        }

        db.PointsLots.Add(new PointsLot
        {
            MemberId = member,
            Earned = points,
            Remaining = points,
            EarnedAt = now,
            AvailableAt = now,
            ExpiresAt = rules.ExpiresAt(now),
            Status = PointsLotStatus.Available,
        });
        await ledger.EnsureAccountAsync(db, member, cancellationToken);
        var after = await ledger.AdjustAsync(db, member, points, 0, cancellationToken);
        var entry = ledger.Append(db, member, PointsEntryKind.Earn, points, 0, after, LedgerReasons.CreditedByPartner(partner.Name, partnerPoints),
            PointsSourceKind.Partner, GlobalId.Encode("Partner", partner.Id), $"partner:{partner.Id}:credit:{transactionId}");
        var transaction = new PartnerTransaction
        {
            PartnerId = partner.Id,
            Kind = PartnerTransactionKind.PointsCredit,
            TransactionId = transactionId,
            MemberId = member,
            PairwiseId = pairwiseId,
            Points = points,
            PartnerPoints = partnerPoints,
            At = now,
            BusinessDate = day,
        };
        db.PartnerTransactions.Add(transaction);
        audit.Record(db, caller, "creditPartnerPoints", $"Member:{member}",
            $"partner {partner.Id} '{partner.Name}', transaction {transactionId}: {partnerPoints} partner points = {points} points");
        await db.SaveChangesAsync(cancellationToken);
        work.Publish(new PointsChanged(member, after.Balance, after.Pending, entry, now));
        await work.CommitAsync(cancellationToken);
        return Outcome<PartnerCredit>.Ok(new PartnerCredit(new PartnerReceipt(transaction, Replayed: false), after.Balance));
    }

    /// <summary>The answer to a credit whose transaction id was used before: the same credit again, or a refusal.</summary>
    private async Task<Outcome<PartnerCredit>?> ReplayAsync(
        MemberGraphDb db, long partnerId, string transactionId, long? memberId, long partnerPoints, CancellationToken cancellationToken)
    {
        if (await PartnerTransactions.FindAsync(db, partnerId, PartnerTransactionKind.PointsCredit, transactionId, cancellationToken) is not { } earlier)
        {
            return null;
        }

        if (earlier.MemberId != memberId || earlier.PartnerPoints != partnerPoints)
        {
            return PartnerErrors.TransactionIdUsed();
        }

        long? balance = await PartnerTransactions.ConsentsAsync(db, earlier.MemberId, partnerId, PartnerConsentPurpose.PointsExchange, cancellationToken)
            ? (await ledger.ReadAsync(db, earlier.MemberId, cancellationToken)).Balance
            : null;
        return Outcome<PartnerCredit>.Ok(new PartnerCredit(new PartnerReceipt(earlier, Replayed: true), balance));
    }

    /// <summary>
    /// Creates the day's counter at 0 when it does not exist yet, in its own statement before the credit's transaction:
    /// two first credits at once meet at its unique index and the loser finds the winner's row, so the credit's
    /// transaction only ever updates a counter that exists.
    /// </summary>
    private async Task EnsureCounterAsync(long partnerId, DateOnly day, long memberId, CancellationToken cancellationToken)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        if (await Counter(db, partnerId, day, memberId).AnyAsync(cancellationToken))
        {
            return;
        }

        db.PartnerDailyCredits.Add(new PartnerDailyCredit { PartnerId = partnerId, BusinessDate = day, MemberId = memberId, Points = 0 });
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException ex) when (ex.IsUniqueViolation())
        {
            // A parallel first credit created it.
        }
    }

    /// <summary>
    /// Adds <paramref name="points"/> to a day's counter if it stays within <paramref name="cap"/>: one conditional UPDATE
    /// (the row lock holds parallel credits until this transaction ends).
    /// </summary>
    private static async Task<bool> CountAsync(
        MemberGraphDb db, long partnerId, DateOnly day, long memberId, long points, long cap, CancellationToken cancellationToken) =>
        points <= cap
        && await Counter(db, partnerId, day, memberId).Where(c => c.Points + points <= cap)
            .ExecuteUpdateAsync(s => s.SetProperty(c => c.Points, c => c.Points + points), cancellationToken) == 1;

    private static IQueryable<PartnerDailyCredit> Counter(MemberGraphDb db, long partnerId, DateOnly day, long memberId) =>
        db.PartnerDailyCredits.Where(c => c.PartnerId == partnerId && c.BusinessDate == day && c.MemberId == memberId);
}

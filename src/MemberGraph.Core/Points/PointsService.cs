using MemberGraph.Audit;
using MemberGraph.Auth;
using MemberGraph.Data;
using MemberGraph.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace MemberGraph.Points;

/// <summary>Where points went, for the ledger entry: kind and the id of the thing (coupon, order, operator).</summary>
public sealed record PointsSource(PointsSourceKind Kind, string? Id);

/// <summary>A debit that happened (or had already happened: <see cref="Replayed"/>), with the totals after it.</summary>
public sealed record PointsSpent(PointsEntry Entry, long Balance, long Pending, bool Replayed);

/// <summary>
/// Spending points: member redemptions (<see cref="RedeemAsync"/>) and, for other features such as the coupon
/// exchange, <see cref="SpendAsync"/> inside the caller's own transaction.
/// </summary>
public sealed class PointsService(
    IDbContextFactory<MemberGraphDb> factory,
    PointsLedger ledger,
    AuditLog audit,
    DomainEventDispatcher events,
    IOptions<PointsOptions> options,
    TimeProvider clock)
{
    private const int Attempts = 3;

    /// <summary>
    /// Debits <paramref name="amount"/> points from the member inside the caller's open transaction on
    /// <paramref name="db"/>, consuming the oldest lots first, and appends a REDEEM entry (saved on
    /// <paramref name="db"/>; committed or rolled back with the caller's transaction).
    /// Idempotent per member by <paramref name="idempotencyKey"/>: a replay answers the first entry with
    /// <see cref="PointsSpent.Replayed"/> set; the same key with another amount is IDEMPOTENCY_CONFLICT.
    /// INSUFFICIENT_POINTS when the balance does not cover it. On SQL Server two racing first attempts with one key
    /// end with a unique-index <see cref="DbUpdateException"/> for the loser: roll back and retry, the retry replays.
    /// The caller records the audit entry and publishes <see cref="PointsChanged"/> through its unit of work.
    /// </summary>
    public async Task<Outcome<PointsSpent>> SpendAsync(MemberGraphDb db, long memberId, long amount, string reason, PointsSource source,
        string idempotencyKey, CancellationToken cancellationToken)
    {
        if (db.Database.CurrentTransaction is null)
        {
            throw new InvalidOperationException("SpendAsync runs inside the caller's transaction: begin one on the context first.");
        }

        if (amount <= 0 || amount > options.Value.MaxRedemption)
        {
            return Outcome<PointsSpent>.Refused(UserErrorCode.InvalidInput, $"The amount must be between 1 and {options.Value.MaxRedemption}.", "amount");
        }

        if (string.IsNullOrWhiteSpace(idempotencyKey) || idempotencyKey.Length > 100)
        {
            return Outcome<PointsSpent>.Refused(UserErrorCode.InvalidInput, "An idempotency key of 1 to 100 characters is required.", "idempotencyKey");
        }

        var first = await db.PointsEntries.AsNoTracking()
            .FirstOrDefaultAsync(e => e.MemberId == memberId && e.IdempotencyKey == idempotencyKey, cancellationToken);
        if (first is not null)
        {
            if (first.Kind != PointsEntryKind.Redeem || first.Amount != -amount)
            {
                return Outcome<PointsSpent>.Refused(UserErrorCode.IdempotencyConflict,
                    $"The idempotency key '{idempotencyKey}' was already used for another operation.", "idempotencyKey");
            }

            var now = await ledger.ReadAsync(db, memberId, cancellationToken);
            return Outcome<PointsSpent>.Ok(new PointsSpent(first, now.Balance, now.Pending, Replayed: true));
        }

        if (!await ledger.TryDebitAsync(db, memberId, amount, cancellationToken))
        {
            var account = await ledger.ReadAsync(db, memberId, cancellationToken);
            return Outcome<PointsSpent>.Refused(UserErrorCode.InsufficientPoints,
                $"The balance is {account.Balance} points; {amount} were asked for.", "amount");
        }

        await ledger.ConsumeAsync(db, memberId, amount, preferredLotId: null, cancellationToken);
        var after = await ledger.ReadAsync(db, memberId, cancellationToken);
        var entry = ledger.Append(db, memberId, PointsEntryKind.Redeem, -amount, 0, after, reason, source.Kind, source.Id, idempotencyKey);
        await db.SaveChangesAsync(cancellationToken);
        return Outcome<PointsSpent>.Ok(new PointsSpent(entry, after.Balance, after.Pending, Replayed: false));
    }

    /// <summary>The <c>redeemPoints</c> mutation: one unit of work, an audit line, <c>pointsChanged</c> after the commit.</summary>
    public async Task<Outcome<PointsSpent>> RedeemAsync(long memberId, long amount, string reason, string idempotencyKey, Caller caller, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(reason) || reason.Length > 200)
        {
            return Outcome<PointsSpent>.Refused(UserErrorCode.InvalidInput, "A reason of 1 to 200 characters is required.", "reason");
        }

        var source = new PointsSource(caller.Is(Roles.Member) ? PointsSourceKind.Member : PointsSourceKind.Operator, caller.Subject);
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await using var db = await factory.CreateDbContextAsync(cancellationToken);
                if (!await db.Members.AnyAsync(m => m.Id == memberId, cancellationToken))
                {
                    return Outcome<PointsSpent>.Refused(UserErrorCode.NotFound, "No such member.", "memberId");
                }

                await using var work = await events.BeginAsync(db, cancellationToken);
                var outcome = await SpendAsync(db, memberId, amount, reason, source, idempotencyKey, cancellationToken);
                if (outcome.Value is not { Replayed: false } spent)
                {
                    return outcome;
                }

                audit.Record(db, caller, "redeemPoints", $"Member:{memberId}", $"{amount} points, key {idempotencyKey}: {reason}");
                work.Publish(new PointsChanged(spent.Entry.MemberId, spent.Balance, spent.Pending, spent.Entry, clock.GetUtcNow().UtcDateTime));
                await work.CommitAsync(cancellationToken);
                return outcome;
            }
            catch (DbUpdateException ex) when (attempt < Attempts && ex.IsRetryable())
            {
                // Another request with the same key committed first (SQL Server): the next attempt replays it.
            }
        }
    }
}

using MemberGraph.Data;
using Microsoft.EntityFrameworkCore;

namespace MemberGraph.Points;

/// <summary>
/// The low-level moves on one member's points, always inside the caller's transaction: conditional account
/// updates (the concurrency guard), FIFO lot consumption, ledger appends. Services compose these; nothing here
/// commits.
/// </summary>
public sealed class PointsLedger(TimeProvider clock)
{
    private const int LotChunk = 50;

    /// <summary>Creates the member's account row when it does not exist yet (saved at once).</summary>
    public async Task EnsureAccountAsync(MemberGraphDb db, long memberId, CancellationToken cancellationToken)
    {
        if (!await db.PointsAccounts.AnyAsync(a => a.MemberId == memberId, cancellationToken))
        {
            var account = new PointsAccount { MemberId = memberId, UpdatedAt = clock.GetUtcNow().UtcDateTime };
            db.PointsAccounts.Add(account);
            await db.SaveChangesAsync(cancellationToken);
            db.Entry(account).State = EntityState.Detached;
        }
    }

    /// <summary>
    /// Takes <paramref name="amount"/> off the balance only if the balance covers it: one conditional UPDATE, so
    /// concurrent debits serialise on the row and none can overdraw. False when the balance is too small.
    /// </summary>
    public async Task<bool> TryDebitAsync(MemberGraphDb db, long memberId, long amount, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var rows = await db.PointsAccounts
            .Where(a => a.MemberId == memberId && a.Balance >= amount)
            .ExecuteUpdateAsync(s => s
                .SetProperty(a => a.Balance, a => a.Balance - amount)
                .SetProperty(a => a.Version, a => a.Version + 1)
                .SetProperty(a => a.UpdatedAt, now), cancellationToken);
        return rows == 1;
    }

    /// <summary>Adds to balance and/or pending (either may be negative for cancellations of pending points).</summary>
    public async Task<PointsAccount> AdjustAsync(MemberGraphDb db, long memberId, long balanceDelta, long pendingDelta, CancellationToken cancellationToken) =>
        await TryAdjustAsync(db, memberId, balanceDelta, pendingDelta, cancellationToken)
        ?? throw new InvalidOperationException($"Points account of member {memberId} missing or would go negative ({balanceDelta:+#;-#;0}, pending {pendingDelta:+#;-#;0}).");

    /// <summary>
    /// Credits an earning, creating the account with the member's first points, and answers the account as the credit left it.
    /// The account is there for every member who earned before, so the update is tried first: one statement in the usual case
    /// instead of a lookup, an update and a read.
    /// </summary>
    public async Task<PointsAccount> CreditAsync(MemberGraphDb db, long memberId, long balance, long pending, CancellationToken cancellationToken)
    {
        if (await TryAdjustAsync(db, memberId, balance, pending, cancellationToken) is { } after)
        {
            return after;
        }

        await EnsureAccountAsync(db, memberId, cancellationToken);
        return await AdjustAsync(db, memberId, balance, pending, cancellationToken);
    }

    /// <summary>
    /// One conditional UPDATE that answers the row it left (RETURNING; OUTPUT on SQL Server), so the ledger entry's balance
    /// after is the one this update made without reading the account again. Null when the account is missing or would go negative.
    /// </summary>
    private async Task<PointsAccount?> TryAdjustAsync(MemberGraphDb db, long memberId, long balanceDelta, long pendingDelta, CancellationToken cancellationToken) =>
        await Adjusted.FirstOrDefaultAsync(db, [balanceDelta, pendingDelta, clock.GetUtcNow().UtcDateTime, memberId], cancellationToken);

    // Run for every order and refund, so it skips EF's LINQ pipeline (see SqlRead).
    private static readonly SqlRead<PointsAccount> Adjusted = new(sql => $"""
        UPDATE "PointsAccounts" SET "Balance" = "Balance" + @balance, "Pending" = "Pending" + @pending, "Version" = "Version" + 1, "UpdatedAt" = @now
        {sql.OutputInserted} WHERE "MemberId" = @memberId AND "Balance" + @balance >= 0 AND "Pending" + @pending >= 0 {sql.Returning}
        """,
        row => row.Entity<PointsAccount>(),
        SqlArg.Of<long>("balance"), SqlArg.Of<long>("pending"), SqlArg.Like<PointsAccount>("now", nameof(PointsAccount.UpdatedAt)), SqlArg.Of<long>("memberId"));

    /// <summary>The member's account as it stands (a refund reads it), or an empty one when the member never earned.</summary>
    public async Task<PointsAccount> ReadAsync(MemberGraphDb db, long memberId, CancellationToken cancellationToken) =>
        await AccountOf.FirstOrDefaultAsync(db, [memberId], cancellationToken) ?? new PointsAccount { MemberId = memberId };

    private static readonly SqlRead<PointsAccount> AccountOf = new(sql => $"""
        SELECT {sql.Top(1)} * FROM "PointsAccounts" WHERE "MemberId" = @memberId {sql.Limit(1)}
        """,
        row => row.Entity<PointsAccount>(),
        SqlArg.Of<long>("memberId"));

    /// <summary>
    /// Takes <paramref name="amount"/> out of the member's available lots, oldest expiry first (a preferred lot, such
    /// as the refunded order's own lot, goes first). The account was already debited by the same amount.
    /// </summary>
    public async Task ConsumeAsync(MemberGraphDb db, long memberId, long amount, long? preferredLotId, CancellationToken cancellationToken)
    {
        var left = amount;
        if (preferredLotId is { } preferred)
        {
            var lot = await db.PointsLots.FirstOrDefaultAsync(l => l.Id == preferred && l.Status == PointsLotStatus.Available && l.Remaining > 0, cancellationToken);
            if (lot is not null)
            {
                left -= Take(lot, left);
            }
        }

        long afterId = 0;
        var afterExpiry = DateTime.MinValue;
        while (left > 0)
        {
            var (expiry, id) = (afterExpiry, afterId);
            var lots = await db.PointsLots
                .Where(l => l.MemberId == memberId && l.Status == PointsLotStatus.Available && l.Remaining > 0)
                .Where(l => l.ExpiresAt > expiry || (l.ExpiresAt == expiry && l.Id > id))
                .OrderBy(l => l.ExpiresAt).ThenBy(l => l.Id)
                .Take(LotChunk)
                .ToListAsync(cancellationToken);
            if (lots.Count == 0)
            {
                throw new InvalidOperationException($"Member {memberId}'s available lots do not cover {amount} points: the account and the lots disagree.");
            }

            foreach (var lot in lots)
            {
                left -= Take(lot, left);
                if (left == 0)
                {
                    break;
                }
            }

            (afterExpiry, afterId) = (lots[^1].ExpiresAt, lots[^1].Id);
        }
    }

    /// <summary>Adds the ledger entry of a move to the context, for the caller's next save.</summary>
    public PointsEntry Append(MemberGraphDb db, long memberId, PointsEntryKind kind, long amount, long pendingChange, PointsAccount after,
        string reason, PointsSourceKind sourceKind, string? sourceId, string idempotencyKey)
    {
        var entry = EntryFor(memberId, kind, amount, pendingChange, after, reason, sourceKind, sourceId, idempotencyKey);
        db.PointsEntries.Add(entry);
        return entry;
    }

    /// <summary>
    /// Inserts the ledger entry of a move at once, in its own statement, untracked: an order's or a refund's entry, which nothing
    /// in its transaction changes afterwards, need not wait for (and pay for) a SaveChanges. A second entry with the same
    /// idempotency key is refused as a <see cref="DbUpdateException"/>, as a save would refuse it.
    /// </summary>
    public async Task<PointsEntry> AppendNowAsync(MemberGraphDb db, long memberId, PointsEntryKind kind, long amount, long pendingChange,
        PointsAccount after, string reason, PointsSourceKind sourceKind, string? sourceId, string idempotencyKey, CancellationToken cancellationToken)
    {
        var entry = EntryFor(memberId, kind, amount, pendingChange, after, reason, sourceKind, sourceId, idempotencyKey);
        await MultiRowInsert.InsertUntrackedAsync(db, entry, cancellationToken);
        return entry;
    }

    /// <summary>The ledger entry of a move, not yet written (for a caller that inserts it with other rows).</summary>
    public PointsEntry EntryFor(long memberId, PointsEntryKind kind, long amount, long pendingChange, PointsAccount after,
        string reason, PointsSourceKind sourceKind, string? sourceId, string idempotencyKey) => new()
    {
        MemberId = memberId,
        Kind = kind,
        Amount = amount,
        PendingChange = pendingChange,
        BalanceAfter = after.Balance,
        PendingAfter = after.Pending,
        Reason = reason.Length > 200 ? reason[..200] : reason,
        SourceKind = sourceKind,
        SourceId = sourceId,
        IdempotencyKey = idempotencyKey,
        At = clock.GetUtcNow().UtcDateTime,
    };

    private static long Take(PointsLot lot, long wanted)
    {
        var taken = Math.Min(lot.Remaining, wanted);
        lot.Remaining -= taken;
        lot.Version++;
        if (lot.Remaining == 0)
        {
            lot.Status = PointsLotStatus.Exhausted;
        }

        return taken;
    }
}

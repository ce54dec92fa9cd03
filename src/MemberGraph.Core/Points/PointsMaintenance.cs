using MemberGraph.Data;
using MemberGraph.Domain;
using Microsoft.EntityFrameworkCore;

namespace MemberGraph.Points;

/// <summary>
/// The periodic steps of the points ledger (a scheduled job runs them; admins can too): pending points whose
/// return window closed become available, and lots that reached their expiry lose what is left. Work goes in
/// chunks of lots, one transaction each; a member's change is published after its chunk commits.
/// </summary>
public sealed class PointsMaintenance(
    IDbContextFactory<MemberGraphDb> factory,
    PointsLedger ledger,
    DomainEventDispatcher events,
    TimeProvider clock,
    ILogger<PointsMaintenance> logger)
{
    private const int Chunk = 500;
    private const int Attempts = 3;

    /// <summary>Releases every pending lot whose return window closed at <paramref name="now"/>; returns how many lots.</summary>
    public Task<int> ReleasePendingPointsAsync(DateTime now, long? memberId = null, CancellationToken cancellationToken = default) =>
        RunAsync("release", cancellationToken, db => db.PointsLots
            .Where(l => l.Status == PointsLotStatus.Pending && l.AvailableAt <= now && (memberId == null || l.MemberId == memberId)),
            lot =>
            {
                var points = lot.Remaining;
                lot.Status = points > 0 ? PointsLotStatus.Available : PointsLotStatus.Cancelled;
                return new Move(points, -points, PointsEntryKind.Release, LedgerReasons.Released, $"release:{lot.Id}");
            });

    /// <summary>Expires what is left of every available lot whose expiry is at or before <paramref name="now"/>; returns how many lots.</summary>
    public Task<int> ExpirePointsAsync(DateTime now, long? memberId = null, CancellationToken cancellationToken = default) =>
        RunAsync("expire", cancellationToken, db => db.PointsLots
            .Where(l => l.Status == PointsLotStatus.Available && l.ExpiresAt <= now && (memberId == null || l.MemberId == memberId)),
            lot =>
            {
                var points = lot.Remaining;
                lot.Remaining = 0;
                lot.Status = PointsLotStatus.Expired;
                return new Move(-points, 0, PointsEntryKind.Expire, LedgerReasons.Expired(lot.EarnedAt), $"expire:{lot.Id}");
            });

    private async Task<int> RunAsync(string step, CancellationToken cancellationToken, Func<MemberGraphDb, IQueryable<PointsLot>> due, Func<PointsLot, Move> apply)
    {
        var total = 0;
        while (true)
        {
            var done = await ChunkAsync(due, apply, cancellationToken);
            if (done == 0)
            {
                break;
            }

            total += done;
            logger.LogInformation("Points {Step}: {Lots} lots in this chunk, {Total} so far", step, done, total);
        }

        return total;
    }

    private async Task<int> ChunkAsync(Func<MemberGraphDb, IQueryable<PointsLot>> due, Func<PointsLot, Move> apply, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await using var db = await factory.CreateDbContextAsync(cancellationToken);
                await using var work = await events.BeginAsync(db, cancellationToken);
                var lots = await due(db).OrderBy(l => l.Id).Take(Chunk).ToListAsync(cancellationToken);
                foreach (var group in lots.GroupBy(l => l.MemberId))
                {
                    var moves = group.Select(lot =>
                    {
                        lot.Version++;
                        return (Lot: lot, Move: apply(lot));
                    }).Where(m => m.Move.Balance != 0 || m.Move.Pending != 0).ToList();
                    if (moves.Count == 0)
                    {
                        continue;
                    }

                    var after = await ledger.AdjustAsync(db, group.Key, moves.Sum(m => m.Move.Balance), moves.Sum(m => m.Move.Pending), cancellationToken);

                    // Entries in lot order; each one's "after" is the final totals minus the moves that follow it.
                    var (balance, pending) = (after.Balance - moves.Sum(m => m.Move.Balance), after.Pending - moves.Sum(m => m.Move.Pending));
                    PointsEntry? last = null;
                    foreach (var (lot, move) in moves)
                    {
                        (balance, pending) = (balance + move.Balance, pending + move.Pending);
                        last = ledger.Append(db, group.Key, move.Kind, move.Balance, move.Pending, new PointsAccount { Balance = balance, Pending = pending },
                            move.Reason, PointsSourceKind.Job, lot.OrderId is { } orderId ? GlobalId.Encode("Order", orderId) : null, move.Key);
                    }

                    work.Publish(new PointsChanged(group.Key, after.Balance, after.Pending, last!, clock.GetUtcNow().UtcDateTime));
                }

                await work.CommitAsync(cancellationToken);
                return lots.Count;
            }
            catch (DbUpdateConcurrencyException) when (attempt < Attempts)
            {
                // A lot changed under us (a refund or a redemption on another connection): take the chunk again.
            }
        }
    }

    private sealed record Move(long Balance, long Pending, PointsEntryKind Kind, string Reason, string Key);
}

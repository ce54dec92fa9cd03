using MemberGraph.Data;
using MemberGraph.Members;
using Microsoft.EntityFrameworkCore;

namespace MemberGraph.Points;

/// <summary>
/// Lots move to the survivor on a merge; both members' accounts are then recomputed from their lots (balance =
/// available remaining, pending = pending remaining), so the totals always match what the lots hold.
/// </summary>
public sealed class PointsLotMergeParticipant(TimeProvider clock) : IMergeParticipant
{
    public string Kind => "pointsLots";

    public async Task<IReadOnlyList<long>> MoveAsync(MemberGraphDb db, long fromMemberId, long toMemberId, CancellationToken cancellationToken)
    {
        var ids = await db.PointsLots.Where(l => l.MemberId == fromMemberId).Select(l => l.Id).ToListAsync(cancellationToken);
        await db.PointsLots.Where(l => l.MemberId == fromMemberId)
            .ExecuteUpdateAsync(s => s.SetProperty(l => l.MemberId, toMemberId).SetProperty(l => l.Version, l => l.Version + 1), cancellationToken);
        await RecomputeAccountsAsync(db, [fromMemberId, toMemberId], cancellationToken);
        return ids;
    }

    public async Task MoveBackAsync(MemberGraphDb db, IReadOnlyList<long> rowIds, long toMemberId, CancellationToken cancellationToken)
    {
        var holders = await db.PointsLots.Where(l => rowIds.Contains(l.Id)).Select(l => l.MemberId).Distinct().ToListAsync(cancellationToken);
        await db.PointsLots.Where(l => rowIds.Contains(l.Id))
            .ExecuteUpdateAsync(s => s.SetProperty(l => l.MemberId, toMemberId).SetProperty(l => l.Version, l => l.Version + 1), cancellationToken);
        await RecomputeAccountsAsync(db, [.. holders, toMemberId], cancellationToken);
    }

    private async Task RecomputeAccountsAsync(MemberGraphDb db, IReadOnlyList<long> memberIds, CancellationToken cancellationToken)
    {
        var ids = memberIds.Distinct().ToList();
        var sums = await db.PointsLots.Where(l => ids.Contains(l.MemberId))
            .GroupBy(l => l.MemberId)
            .Select(g => new
            {
                MemberId = g.Key,
                Balance = g.Sum(l => l.Status == PointsLotStatus.Available ? l.Remaining : 0),
                Pending = g.Sum(l => l.Status == PointsLotStatus.Pending ? l.Remaining : 0),
            })
            .ToDictionaryAsync(s => s.MemberId, cancellationToken);
        var accounts = await db.PointsAccounts.Where(a => ids.Contains(a.MemberId)).ToDictionaryAsync(a => a.MemberId, cancellationToken);
        foreach (var id in ids)
        {
            if (!accounts.TryGetValue(id, out var account))
            {
                account = new PointsAccount { MemberId = id };
                db.PointsAccounts.Add(account);
            }

            var sum = sums.GetValueOrDefault(id);
            account.Balance = sum?.Balance ?? 0;
            account.Pending = sum?.Pending ?? 0;
            account.Version++;
            account.UpdatedAt = clock.GetUtcNow().UtcDateTime;
        }

        await db.SaveChangesAsync(cancellationToken);
    }
}

/// <summary>
/// Ledger entries move with the person, so the survivor's ledger still sums to its balance. An idempotency key the
/// survivor already used gets a "@merged:{id}" suffix (keys are unique per member); unmerge takes it off again.
/// </summary>
public sealed class PointsEntryMergeParticipant : IMergeParticipant
{
    private const int MaxKeyLength = 100;

    public string Kind => "pointsEntries";

    public async Task<IReadOnlyList<long>> MoveAsync(MemberGraphDb db, long fromMemberId, long toMemberId, CancellationToken cancellationToken)
    {
        var ids = await db.PointsEntries.Where(e => e.MemberId == fromMemberId).Select(e => e.Id).ToListAsync(cancellationToken);
        var survivorKeys = db.PointsEntries.Where(e => e.MemberId == toMemberId).Select(e => e.IdempotencyKey);
        var clashing = await db.PointsEntries.Where(e => e.MemberId == fromMemberId && survivorKeys.Contains(e.IdempotencyKey)).ToListAsync(cancellationToken);
        foreach (var entry in clashing)
        {
            var suffix = $"@merged:{fromMemberId}";
            entry.IdempotencyKey = entry.IdempotencyKey[..Math.Min(entry.IdempotencyKey.Length, MaxKeyLength - suffix.Length)] + suffix;
        }

        await db.SaveChangesAsync(cancellationToken);
        await db.PointsEntries.Where(e => e.MemberId == fromMemberId).ExecuteUpdateAsync(s => s.SetProperty(e => e.MemberId, toMemberId), cancellationToken);
        return ids;
    }

    public async Task MoveBackAsync(MemberGraphDb db, IReadOnlyList<long> rowIds, long toMemberId, CancellationToken cancellationToken)
    {
        var suffix = $"@merged:{toMemberId}";
        var renamed = await db.PointsEntries.Where(e => rowIds.Contains(e.Id) && e.IdempotencyKey.EndsWith(suffix)).ToListAsync(cancellationToken);
        foreach (var entry in renamed)
        {
            entry.IdempotencyKey = entry.IdempotencyKey[..^suffix.Length];
        }

        await db.PointsEntries.Where(e => rowIds.Contains(e.Id)).ExecuteUpdateAsync(s => s.SetProperty(e => e.MemberId, toMemberId), cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
    }
}

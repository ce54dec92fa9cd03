using MemberGraph.Data;
using MemberGraph.Domain;
using MemberGraph.Members;
using Microsoft.EntityFrameworkCore;

namespace MemberGraph.Tiers;

/// <summary>
/// Tier rules: growth is the paid amount, net of refunds, of orders paid in the rolling window, across all
/// channels. An order upgrades at once (inside the order's transaction); only <see cref="RecomputeTiersAsync"/>
/// lowers a level. Every change is a <see cref="TierChange"/> row and a <see cref="TierChanged"/> raised in its transaction.
/// </summary>
public sealed class TierService(
    IDbContextFactory<MemberGraphDb> factory, TierLadder ladder, DomainEventDispatcher events, TimeProvider clock, ILogger<TierService> logger)
{
    private const int Chunk = 1000;

    /// <summary>Growth per member at <paramref name="now"/>, one grouped query; members without orders are absent.</summary>
    public async Task<Dictionary<long, long>> GrowthAsync(MemberGraphDb db, IReadOnlyCollection<long> memberIds, DateTime now, CancellationToken cancellationToken)
    {
        var since = ladder.WindowStart(now);
        return await db.Orders.AsNoTracking()
            .Where(o => memberIds.Contains(o.MemberId) && o.PaidAt >= since)
            .GroupBy(o => o.MemberId)
            .Select(g => new { MemberId = g.Key, Growth = g.Sum(o => o.PaidAmountCents - o.RefundedAmountCents) })
            .ToDictionaryAsync(g => g.MemberId, g => g.Growth, cancellationToken);
    }

    /// <summary>One member's growth at <paramref name="now"/>: a plain sum over the member's orders in the window.</summary>
    public Task<long> GrowthAsync(MemberGraphDb db, long memberId, DateTime now, CancellationToken cancellationToken) =>
        TierReads.GrowthOf(db, memberId, ladder.WindowStart(now));

    /// <summary>Inside an order's transaction: raises the member's level when the new growth reaches a higher one.</summary>
    /// <remarks>
    /// One read answers the growth (this order included) and the level; only a change brings the tier row into the context, attached
    /// with its level so that the update writes what changed. The read stays in the order's transaction: it must see this order and,
    /// on SQLite, be serialised with the member's other orders. On SQLite that read is also the buyer's touch (<paramref name="touchedAt"/>,
    /// see <see cref="TierReads.TouchAndReadGrowthAsync"/>), which <c>TouchMemberOnOrder</c> leaves to it there.
    /// </remarks>
    public async Task<TierChanged?> ApplyOrderAsync(MemberGraphDb db, long memberId, long orderId, DateTime touchedAt, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var since = ladder.WindowStart(now);
        var read = await (db.Engine == DatabaseKind.Sqlite
                ? TierReads.TouchAndReadGrowthAsync(db, memberId, touchedAt, since, cancellationToken)
                : TierReads.GrowthAndLevelAsync(db, memberId, since, cancellationToken))
            ?? throw new InvalidOperationException($"Member {memberId} of order {orderId} does not exist.");
        var growth = read.Growth;
        var target = ladder.LevelFor(growth);
        var added = read.Level is null;
        if (!added && target <= read.Level)
        {
            return null; // most orders leave the level as it was: nothing to write
        }

        MemberTier tier;
        if (added)
        {
            tier = new MemberTier { MemberId = memberId, Level = 0, Since = now };
            db.MemberTiers.Add(tier);
        }
        else
        {
            tier = db.MemberTiers.Local.FindEntry(memberId)?.Entity ?? db.MemberTiers.Attach(new MemberTier { MemberId = memberId, Level = read.Level!.Value }).Entity;
        }

        TierChanged? changed = null;
        if (target > tier.Level)
        {
            changed = Change(db, tier, target, growth, TierChangeReason.Order, orderId, now);
        }

        if (added || changed is not null)
        {
            await db.SaveChangesAsync(cancellationToken); // most orders leave the level as it was: nothing to save until the commit
        }

        return changed;
    }

    /// <summary>
    /// The periodic recompute: every member with a tier row gets the level their growth at <paramref name="now"/>
    /// reaches — up or down. Returns how many members changed level.
    /// </summary>
    public async Task<int> RecomputeTiersAsync(DateTime now, long? memberId = null, CancellationToken cancellationToken = default)
    {
        long after = 0;
        var changedCount = 0;
        while (true)
        {
            var changes = new List<TierChanged>();
            await using (var db = await factory.CreateDbContextAsync(cancellationToken))
            {
                await using var work = await events.BeginAsync(db, cancellationToken);
                var tiers = await db.MemberTiers
                    .Where(t => t.MemberId > after && (memberId == null || t.MemberId == memberId))
                    .OrderBy(t => t.MemberId).Take(Chunk).ToListAsync(cancellationToken);
                if (tiers.Count == 0)
                {
                    break;
                }

                var growth = await GrowthAsync(db, tiers.ConvertAll(t => t.MemberId), now, cancellationToken);
                foreach (var tier in tiers)
                {
                    var memberGrowth = growth.GetValueOrDefault(tier.MemberId);
                    var target = ladder.LevelFor(memberGrowth);
                    tier.RecomputedAt = now;
                    if (target != tier.Level)
                    {
                        changes.Add(Change(db, tier, target, memberGrowth, TierChangeReason.Recompute, null, now));
                    }
                }

                await db.SaveChangesAsync(cancellationToken);
                await MemberTouch.TouchAsync(db, changes.ConvertAll(c => c.MemberId), now, cancellationToken);
                changes.ForEach(work.Raise);
                await work.CommitAsync(cancellationToken);
                after = tiers[^1].MemberId;
            }

            changedCount += changes.Count;
            logger.LogInformation("Tier recompute: {Changed} level changes so far (up to member {After})", changedCount, after);
        }

        return changedCount;
    }

    private TierChanged Change(MemberGraphDb db, MemberTier tier, int target, long growth, TierChangeReason reason, long? orderId, DateTime now)
    {
        db.TierChanges.Add(new TierChange
        {
            MemberId = tier.MemberId, FromLevel = tier.Level, ToLevel = target, Growth = growth, Reason = reason, OrderId = orderId, At = now,
        });
        var changed = new TierChanged(tier.MemberId, tier.Level, target, ladder.NameOf(target), now);
        tier.Level = target;
        tier.Since = now;
        return changed;
    }
}

using MemberGraph.Audit;
using MemberGraph.Auth;
using MemberGraph.Data;
using MemberGraph.Domain;
using Microsoft.EntityFrameworkCore;

namespace MemberGraph.Members;

/// <summary>
/// Merges one member into another inside the caller's transaction (every <see cref="IMergeParticipant"/> moves its
/// rows, the merged member becomes a tombstone, a <see cref="MemberMerge"/> records what moved), and undoes a merge
/// from that record.
/// </summary>
public sealed class MemberMerger(
    IDbContextFactory<MemberGraphDb> factory,
    IEnumerable<IMergeParticipant> participants,
    AuditLog audit,
    TimeProvider clock,
    ILogger<MemberMerger> logger)
{
    private readonly IReadOnlyList<IMergeParticipant> _participants = [.. participants];

    /// <summary>Merges <paramref name="merged"/> into <paramref name="survivor"/>; both are active and tracked by <paramref name="db"/>, inside a transaction.</summary>
    public async Task<MemberMerge> MergeAsync(MemberGraphDb db, Member survivor, Member merged, string reason, Caller actor, CancellationToken cancellationToken)
    {
        if (survivor.Id == merged.Id || survivor.Status != MemberStatus.Active || merged.Status != MemberStatus.Active)
        {
            throw new InvalidOperationException($"Cannot merge member {merged.Id} ({merged.Status}) into {survivor.Id} ({survivor.Status}).");
        }

        var moved = new Dictionary<string, IReadOnlyList<long>>();
        foreach (var participant in _participants)
        {
            var ids = await participant.MoveAsync(db, merged.Id, survivor.Id, cancellationToken);
            if (ids.Count > 0)
            {
                moved[participant.Kind] = ids;
            }
        }

        var survivorBefore = MemberFields.Of(survivor);
        var mergedBefore = MemberFields.Of(merged);
        MemberFields.Absorb(survivor, merged);
        var now = clock.GetUtcNow().UtcDateTime;
        merged.Phone = null;
        merged.Status = MemberStatus.Merged;
        merged.MergedIntoId = survivor.Id;
        merged.TouchedAt = now;
        survivor.TouchedAt = now;

        var record = new MemberMerge
        {
            SurvivorId = survivor.Id,
            MergedId = merged.Id,
            Reason = reason,
            MergedAt = now,
            MergedBy = Actor(actor),
            MovedJson = MergeJson.Moved(moved),
            FieldsJson = new MergedFields(survivorBefore, MemberFields.Of(survivor), mergedBefore).ToJson(),
        };
        db.MemberMerges.Add(record);
        await db.SaveChangesAsync(cancellationToken);

        audit.Record(db, actor, "mergeMembers", Target(survivor.Id),
            $"merge {record.Id}: {Target(merged.Id)} merged into {Target(survivor.Id)} ({reason}); moved {Describe(moved)}");
        await db.SaveChangesAsync(cancellationToken);
        logger.LogInformation("Member {Merged} merged into {Survivor} (merge {MergeId}, {Reason})", merged.Id, survivor.Id, record.Id, reason);
        return record;
    }

    /// <summary>Moves exactly the recorded rows back, reactivates the merged member and marks the record unmerged.</summary>
    public async Task<Outcome<MemberMerge>> UnmergeAsync(long mergeId, Caller actor, CancellationToken cancellationToken)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);

        // Claims the record before reading anything: on a server that does not serialise writers (PostgreSQL), a
        // concurrent unmerge waits on this row's lock, then finds it already undone, instead of reading the members
        // half-way through the other's commit. A refusal below rolls the claim back with the transaction.
        var now = clock.GetUtcNow().UtcDateTime;
        var by = Actor(actor);
        var claimed = await db.MemberMerges.Where(m => m.Id == mergeId && m.UnmergedAt == null)
            .ExecuteUpdateAsync(s => s.SetProperty(m => m.UnmergedAt, now).SetProperty(m => m.UnmergedBy, by), cancellationToken);
        var record = await db.MemberMerges.SingleOrDefaultAsync(m => m.Id == mergeId, cancellationToken);
        if (record is null)
        {
            return Outcome<MemberMerge>.Refused(UserErrorCode.MergeNotFound, "There is no merge with this id.", "mergeId");
        }

        if (claimed != 1)
        {
            return Outcome<MemberMerge>.Refused(UserErrorCode.AlreadyUnmerged, $"This merge was already undone at {record.UnmergedAt:u} by {record.UnmergedBy}.", "mergeId");
        }

        var survivor = await db.Members.SingleAsync(m => m.Id == record.SurvivorId, cancellationToken);
        var merged = await db.Members.SingleAsync(m => m.Id == record.MergedId, cancellationToken);
        if (survivor.Status != MemberStatus.Active)
        {
            return Outcome<MemberMerge>.Refused(UserErrorCode.AlreadyMerged,
                "The survivor of this merge has since been merged into another member or erased; undo that first.", "mergeId");
        }

        if (merged.Status != MemberStatus.Merged || merged.MergedIntoId != survivor.Id)
        {
            return Outcome<MemberMerge>.Refused(UserErrorCode.InvalidInput, "The merged member is no longer a tombstone of this merge.", "mergeId");
        }

        var moved = MergeJson.Moved(record.MovedJson);
        foreach (var (kind, ids) in moved)
        {
            var participant = _participants.FirstOrDefault(p => p.Kind == kind);
            if (participant is null)
            {
                logger.LogWarning("Unmerge {MergeId}: no merge participant for {Kind}; {Count} rows stay with member {Survivor}", mergeId, kind, ids.Count, survivor.Id);
                continue;
            }

            await participant.MoveBackAsync(db, ids, merged.Id, cancellationToken);
        }

        if (MergedFields.FromJson(record.FieldsJson) is { } fields)
        {
            MemberFields.Revert(survivor, fields.SurvivorBefore, fields.SurvivorAfter);
            fields.MergedBefore.RestoreOnto(merged);
        }

        merged.Status = MemberStatus.Active;
        merged.MergedIntoId = null;
        merged.TouchedAt = now;
        survivor.TouchedAt = now;
        audit.Record(db, actor, "unmergeMember", Target(merged.Id),
            $"merge {record.Id} undone: {Target(merged.Id)} split from {Target(survivor.Id)}; moved back {Describe(moved.ToDictionary(kv => kv.Key, kv => (IReadOnlyList<long>)kv.Value))}");
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        logger.LogInformation("Merge {MergeId} undone: member {Merged} split from {Survivor}", record.Id, merged.Id, survivor.Id);
        return Outcome<MemberMerge>.Ok(record);
    }

    public static string Target(long memberId) => $"Member:{memberId}";

    private static string Actor(Caller actor) => $"{actor.Role ?? "anonymous"}:{actor.Subject}";

    private static string Describe(IReadOnlyDictionary<string, IReadOnlyList<long>> moved) =>
        moved.Count == 0 ? "nothing" : string.Join(", ", moved.Select(kv => $"{kv.Value.Count} {kv.Key}"));
}

using MemberGraph.Audit;
using MemberGraph.Auth;
using MemberGraph.Data;
using MemberGraph.Domain;
using MemberGraph.Members;
using Microsoft.EntityFrameworkCore;

namespace MemberGraph.Privacy.Erasure;

/// <summary>What erasing one due request did.</summary>
public enum ErasureResult
{
    /// <summary>The member was anonymised.</summary>
    Erased,

    /// <summary>The member was erased already (by an earlier request of the same person): the request is completed, nothing changed.</summary>
    AlreadyErased,

    /// <summary>The request was no longer pending and due (cancelled in between, or taken by a parallel run): nothing changed.</summary>
    Skipped,
}

/// <summary>
/// Erases the member of one due request, in one unit of work: claims the request (a conditional update, so a cancellation
/// or a parallel run and this meet on the row), follows merges to the final member, anonymises that member and every
/// tombstone merged into it (name 已注销用户; phone, birthday, gender, home location, channel flags and marketing consent
/// gone; status ERASED), deletes their identities — so the same openid or phone signing in later makes a new member —
/// blanks the member fields merge records kept for an unmerge (an erased member cannot be unmerged), completes every
/// other pending request of the same person, raises <see cref="MemberErased"/> for the features' own rows and audits.
/// Running it again changes nothing more: the request is no longer pending.
/// </summary>
public sealed class MemberErasure(IDbContextFactory<MemberGraphDb> factory, DomainEventDispatcher events, AuditLog audit, ILogger<MemberErasure> logger)
{
    /// <summary>The display name an erased member keeps (orders, coupons and ledger entries still point at it).</summary>
    public const string ErasedName = "已注销用户";

    private const int MaxMergeDepth = 16;

    public async Task<ErasureResult> EraseAsync(long requestId, DateTime now, Caller actor, CancellationToken cancellationToken)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        await using var work = await events.BeginAsync(db, cancellationToken);
        var claimed = await db.ErasureRequests
            .Where(r => r.Id == requestId && r.Status == ErasureStatus.Pending && r.DueAt <= now)
            .ExecuteUpdateAsync(s => s.SetProperty(r => r.Status, ErasureStatus.Completed).SetProperty(r => r.CompletedAt, now), cancellationToken);
        if (claimed == 0)
        {
            return ErasureResult.Skipped;
        }

        var request = await db.ErasureRequests.AsNoTracking().SingleAsync(r => r.Id == requestId, cancellationToken);
        var member = await MemberReader.FollowMergesAsync(db, request.MemberId, cancellationToken);
        if (member is not { Status: MemberStatus.Active })
        {
            audit.Record(db, actor, "privacy.erasure.complete", MemberMerger.Target(request.MemberId),
                $"erasure request {request.Id}: the member was erased already");
            await work.CommitAsync(cancellationToken);
            return ErasureResult.AlreadyErased;
        }

        var memberIds = await SamePersonAsync(db, member.Id, cancellationToken);
        var identities = await db.Identities.AsNoTracking().Where(i => memberIds.Contains(i.MemberId))
            .Select(i => new IdentityKey(i.Channel, i.ExternalId)).ToListAsync(cancellationToken);

        await AnonymiseAsync(db, member.Id, memberIds, now, cancellationToken);
        await db.Identities.Where(i => memberIds.Contains(i.MemberId)).ExecuteDeleteAsync(cancellationToken);
        await db.MemberMerges.Where(m => memberIds.Contains(m.SurvivorId) || memberIds.Contains(m.MergedId))
            .ExecuteUpdateAsync(s => s.SetProperty(m => m.FieldsJson, "{}"), cancellationToken);
        var alsoCompleted = await db.ErasureRequests
            .Where(r => memberIds.Contains(r.MemberId) && r.Status == ErasureStatus.Pending)
            .ExecuteUpdateAsync(s => s.SetProperty(r => r.Status, ErasureStatus.Completed).SetProperty(r => r.CompletedAt, now), cancellationToken);

        work.Raise(new MemberErased(member.Id, memberIds, identities, request.Id, actor, now));
        await work.RunHandlersAsync(cancellationToken);
        var tombstones = memberIds.Where(id => id != member.Id).ToList();
        audit.Record(db, actor, "privacy.erasure.complete", MemberMerger.Target(member.Id),
            $"erasure request {request.Id}: member anonymised{(tombstones.Count > 0 ? $" with merged members {string.Join(", ", tombstones)}" : "")}; " +
            $"{identities.Count} identities deleted; requested {request.RequestedAt:O} by {ConstantCase.Of(request.RequestedByRole)}" +
            (alsoCompleted > 0 ? $"; {alsoCompleted} other pending request(s) of the same person completed" : ""));
        await work.CommitAsync(cancellationToken);
        logger.LogInformation("Erasure request {RequestId}: member {MemberId} erased ({Identities} identities, {Tombstones} merged members)",
            request.Id, member.Id, identities.Count, tombstones.Count);
        return ErasureResult.Erased;
    }

    /// <summary>The member and every tombstone whose merge chain ends at it.</summary>
    private static async Task<List<long>> SamePersonAsync(MemberGraphDb db, long memberId, CancellationToken cancellationToken)
    {
        List<long> all = [memberId];
        List<long> frontier = [memberId];
        for (var depth = 0; depth < MaxMergeDepth && frontier.Count > 0; depth++)
        {
            var current = frontier;
            frontier = await db.Members.AsNoTracking()
                .Where(m => m.Status == MemberStatus.Merged && m.MergedIntoId != null && current.Contains(m.MergedIntoId.Value))
                .Select(m => m.Id).ToListAsync(cancellationToken);
            frontier.RemoveAll(all.Contains);
            all.AddRange(frontier);
        }

        return all;
    }

    private static async Task AnonymiseAsync(MemberGraphDb db, long memberId, List<long> memberIds, DateTime now, CancellationToken cancellationToken)
    {
        await db.Members.Where(m => memberIds.Contains(m.Id)).ExecuteUpdateAsync(s => s
            .SetProperty(m => m.DisplayName, ErasedName)
            .SetProperty(m => m.Phone, (string?)null)
            .SetProperty(m => m.Birthday, (DateOnly?)null)
            .SetProperty(m => m.Gender, Gender.Unknown)
            .SetProperty(m => m.HomeLatitude, (double?)null)
            .SetProperty(m => m.HomeLongitude, (double?)null)
            .SetProperty(m => m.FollowedOfficialAccount, false)
            .SetProperty(m => m.AuthorizedMiniProgram, false)
            .SetProperty(m => m.AddedGuideOnWeCom, false)
            .SetProperty(m => m.MarketingConsent, false)
            .SetProperty(m => m.TouchedAt, now), cancellationToken);

        // Tombstones stay tombstones pointing at the erased member, so an old id still leads to it (and finds it erased).
        await db.Members.Where(m => m.Id == memberId).ExecuteUpdateAsync(s => s.SetProperty(m => m.Status, MemberStatus.Erased), cancellationToken);
    }
}

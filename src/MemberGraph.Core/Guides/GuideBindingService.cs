using MemberGraph.Audit;
using MemberGraph.Auth;
using MemberGraph.Data;
using MemberGraph.Domain;
using MemberGraph.Members;
using Microsoft.EntityFrameworkCore;

namespace MemberGraph.Guides;

public sealed record BindGuideRequest(string? GuideCode, long? GuideId, long? MemberId, RelationshipSource Source, string? SourceDetail);

/// <summary>
/// <c>bindGuide</c>: a member binds a guide from a QR scan or a share link, or staff / an operator assigns a member to a
/// guide of the store. The first guide becomes the exclusive one; while the member has an exclusive guide, further
/// guides are follows (changing the exclusive guide is what transfers are for). Staff assign only members their store
/// serves who have no exclusive guide yet (<see cref="StoreAssignment"/>); every binding is audited.
/// </summary>
public sealed class GuideBindingService(
    IDbContextFactory<MemberGraphDb> factory, StoreAssignment storeAssignment, AuditLog audit, DomainEventDispatcher events, TimeProvider clock)
{
    public async Task<Outcome<GuideRelationship>> BindAsync(Caller caller, BindGuideRequest request, CancellationToken cancellationToken)
    {
        if (request.Source is not (RelationshipSource.QrScan or RelationshipSource.ShareLink or RelationshipSource.StoreAssignment))
        {
            return Outcome<GuideRelationship>.Refused(UserErrorCode.InvalidInput, "bindGuide takes QR_SCAN, SHARE_LINK or STORE_ASSIGNMENT; the other sources come from WeCom and transfers.", "source");
        }

        if ((request.GuideCode is null) == (request.GuideId is null))
        {
            return Outcome<GuideRelationship>.Refused(UserErrorCode.InvalidInput, "Give exactly one of guideCode and guideId.", "guideCode");
        }

        if (MemberOf(caller, request) is not { } memberId)
        {
            return Outcome<GuideRelationship>.Refused(UserErrorCode.InvalidInput, "Say which member to assign (memberId).", "memberId");
        }

        if (caller.Is(Roles.Member) && request.Source == RelationshipSource.StoreAssignment)
        {
            return Outcome<GuideRelationship>.Refused(UserErrorCode.InvalidInput, "Members bind guides by QR_SCAN or SHARE_LINK.", "source");
        }

        if (caller.Is(Roles.Staff) && request.Source != RelationshipSource.StoreAssignment)
        {
            return Outcome<GuideRelationship>.Refused(UserErrorCode.InvalidInput, "Staff assign members with STORE_ASSIGNMENT.", "source");
        }

        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var guide = await db.Guides.AsNoTracking()
            .FirstOrDefaultAsync(g => request.GuideId != null ? g.Id == request.GuideId : g.GuideCode == request.GuideCode, cancellationToken);
        if (guide is null)
        {
            return Outcome<GuideRelationship>.Refused(UserErrorCode.NotFound, "There is no guide with that code.", request.GuideId is null ? "guideCode" : "guideId");
        }

        if (!caller.Is(Roles.Member))
        {
            GuideAccess.EnsureCanManage(caller, guide.StoreId, "assign members to a guide of another store");
        }

        if (guide.Status != GuideStatus.Active)
        {
            return Outcome<GuideRelationship>.Refused(UserErrorCode.GuideResigned, "This guide has left the store.", request.GuideId is null ? "guideCode" : "guideId");
        }

        // Staff: only a member the store serves; asked before the member is looked up, so unknown ids are refused alike.
        var served = caller.Is(Roles.Staff) ? await storeAssignment.EnsureServedAsync(db, guide.StoreId, memberId, cancellationToken) : null;
        var member = await db.Members.FirstOrDefaultAsync(m => m.Id == memberId, cancellationToken);
        if (member is null || member.Status != MemberStatus.Active)
        {
            return Outcome<GuideRelationship>.Refused(UserErrorCode.NotFound, "There is no such active member.", "memberId");
        }

        if (served is not null && await StoreAssignment.ExclusiveOfAsync(db, member.Id, cancellationToken) is { } exclusive && exclusive.GuideId != guide.Id)
        {
            return StoreAssignment.ExclusiveGuideExists();
        }

        // A staff assignment is the exclusive guide or nothing: it never adds a follow beside another store's guide.
        var kind = served is null ? (GuideRelationshipKind?)null : GuideRelationshipKind.Exclusive;
        var now = clock.GetUtcNow().UtcDateTime;
        var (relationship, opened) = await GuideRelationships.OpenAsync(db, member.Id, guide.Id, request.Source, request.SourceDetail, now, cancellationToken, kind);
        if (!opened)
        {
            return Outcome<GuideRelationship>.Ok(relationship);
        }

        member.TouchedAt = now;
        var detail = $"guide {guide.Id} ({guide.GuideCode}) by {request.Source}, {relationship.Kind}{(served is null ? "" : $"; {served}")}";
        audit.Record(db, caller, "guide.bind", $"Member:{member.Id}", detail);
        try
        {
            await SaveAsync(db, relationship, opened, now, cancellationToken);
        }
        catch (DbUpdateException ex) when (GuideRelationships.IsUniqueViolation(ex))
        {
            // Another binding took the exclusive slot at the same moment.
            await using var retry = await factory.CreateDbContextAsync(cancellationToken);
            if (served is not null)
            {
                // Staff: the same assignment running twice answers with it; another guide's is a transfer.
                return await StoreAssignment.ExclusiveOfAsync(retry, member.Id, cancellationToken) is { } taken && taken.GuideId == guide.Id
                    ? Outcome<GuideRelationship>.Ok(taken)
                    : StoreAssignment.ExclusiveGuideExists();
            }

            // Everyone else: this one becomes a follow.
            (relationship, opened) = await GuideRelationships.OpenAsync(retry, member.Id, guide.Id, request.Source, request.SourceDetail, now, cancellationToken);
            audit.Record(retry, caller, "guide.bind", $"Member:{member.Id}", $"guide {guide.Id} ({guide.GuideCode}) by {request.Source}, {relationship.Kind}");
            await SaveAsync(retry, relationship, opened, now, cancellationToken);
        }

        return Outcome<GuideRelationship>.Ok(relationship);
    }

    /// <summary>Saves the binding in a unit of work; a relationship it opened is raised as <see cref="CustomerBound"/>.</summary>
    private async Task SaveAsync(MemberGraphDb db, GuideRelationship relationship, bool opened, DateTime now, CancellationToken cancellationToken)
    {
        await using var work = await events.BeginAsync(db, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        if (opened)
        {
            work.Raise(CustomerBound.Of(relationship, now));
        }

        await work.CommitAsync(cancellationToken);
    }

    /// <summary>The member to bind: a member token binds itself (naming another is refused); others name the member.</summary>
    private static long? MemberOf(Caller caller, BindGuideRequest request)
    {
        if (!caller.Is(Roles.Member))
        {
            return request.MemberId is > 0 ? request.MemberId : null;
        }

        var self = caller.MemberId ?? throw RequestRefusedException.NotAuthorized("bind a guide without a member id in the token");
        return request.MemberId is { } other && other != self ? throw RequestRefusedException.NotAuthorized("bind a guide for another member") : self;
    }
}

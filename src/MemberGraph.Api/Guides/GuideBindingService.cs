using MemberGraph.Audit;
using MemberGraph.Auth;
using MemberGraph.Data;
using MemberGraph.Domain;
using MemberGraph.GraphQL;
using MemberGraph.Members;
using MemberGraph.Realtime;
using Microsoft.EntityFrameworkCore;

namespace MemberGraph.Guides;

public sealed record BindGuideRequest(string? GuideCode, long? GuideId, long? MemberId, RelationshipSource Source, string? SourceDetail);

/// <summary>
/// <c>bindGuide</c>: a member binds a guide from a QR scan or a share link, or staff / an operator assigns a
/// member to a guide of the store. The first guide becomes the exclusive one; while the member has an exclusive
/// guide, further guides are follows (changing the exclusive guide is what transfers are for).
/// </summary>
public sealed class GuideBindingService(IDbContextFactory<MemberGraphDb> factory, AuditLog audit, IEventBus events, TimeProvider clock)
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

        long memberId;
        if (caller.Is(Roles.Member))
        {
            memberId = caller.MemberId ?? throw GraphQLRequestError.NotAuthorized("bind a guide without a member id in the token");
            if (request.MemberId is { } other && other != memberId)
            {
                throw GraphQLRequestError.NotAuthorized("bind a guide for another member");
            }

            if (request.Source == RelationshipSource.StoreAssignment)
            {
                return Outcome<GuideRelationship>.Refused(UserErrorCode.InvalidInput, "Members bind guides by QR_SCAN or SHARE_LINK.", "source");
            }
        }
        else
        {
            memberId = request.MemberId ?? -1;
            if (memberId <= 0)
            {
                return Outcome<GuideRelationship>.Refused(UserErrorCode.InvalidInput, "Say which member to assign (memberId).", "memberId");
            }
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

        var member = await db.Members.FirstOrDefaultAsync(m => m.Id == memberId, cancellationToken);
        if (member is null || member.Status != MemberStatus.Active)
        {
            return Outcome<GuideRelationship>.Refused(UserErrorCode.NotFound, "There is no such active member.", "memberId");
        }

        var now = clock.GetUtcNow().UtcDateTime;
        var (relationship, opened) = await GuideRelationships.OpenAsync(db, member.Id, guide.Id, request.Source, request.SourceDetail, now, cancellationToken);
        if (!opened)
        {
            return Outcome<GuideRelationship>.Ok(relationship);
        }

        member.TouchedAt = now;
        audit.Record(db, caller, "guide.bind", $"Member:{member.Id}", $"guide {guide.Id} ({guide.GuideCode}) by {request.Source}, {relationship.Kind}");
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException ex) when (GuideRelationships.IsUniqueViolation(ex))
        {
            // Another binding took the exclusive slot at the same moment: this one becomes a follow.
            await using var retry = await factory.CreateDbContextAsync(cancellationToken);
            (relationship, opened) = await GuideRelationships.OpenAsync(retry, member.Id, guide.Id, request.Source, request.SourceDetail, now, cancellationToken);
            audit.Record(retry, caller, "guide.bind", $"Member:{member.Id}", $"guide {guide.Id} ({guide.GuideCode}) by {request.Source}, {relationship.Kind}");
            await retry.SaveChangesAsync(cancellationToken);
        }

        if (opened)
        {
            await events.PublishAsync(new CustomerBound(guide.Id, member.Id, relationship.Id, relationship.Kind, relationship.Source, now), cancellationToken);
        }

        return Outcome<GuideRelationship>.Ok(relationship);
    }
}

using MemberGraph.Audit;
using MemberGraph.Auth;
using MemberGraph.Data;
using MemberGraph.Domain;
using MemberGraph.Members;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace MemberGraph.Privacy.Erasure;

/// <summary>
/// <c>requestErasure</c> and <c>cancelErasure</c>: a member for themselves (a merged member's earlier token acts for the
/// survivor), an admin for any member by id. Requesting opens the cooling-off period (<see cref="ErasureOptions"/>) and
/// raises <see cref="ErasureRequested"/>, whose handlers stop partner sharing at once; asking again while a request is
/// pending answers that request and writes nothing. Cancelling is possible until <see cref="ErasureRequest.DueAt"/>;
/// cancelling does not give back what stopped at once (partner consents are granted again by the member). Both are audited
/// on the member.
/// </summary>
public sealed class ErasureService(
    IDbContextFactory<MemberGraphDb> factory, DomainEventDispatcher events, AuditLog audit, IOptions<ErasureOptions> options, TimeProvider clock)
{
    private const int Attempts = 3;

    public async Task<Outcome<ErasureRequest>> RequestAsync(Caller caller, string? memberId, CancellationToken cancellationToken)
    {
        var (target, refused) = TargetOf(caller, memberId);
        if (refused is not null)
        {
            return refused;
        }

        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await TryRequestAsync(caller, target, cancellationToken);
            }
            catch (DbUpdateException ex) when (attempt < Attempts && ex.IsUniqueViolation())
            {
                // A parallel request for the same member committed first: the next attempt answers it.
            }
        }
    }

    public async Task<Outcome<ErasureRequest>> CancelAsync(Caller caller, string? memberId, CancellationToken cancellationToken)
    {
        var (target, refused) = TargetOf(caller, memberId);
        if (refused is not null)
        {
            return refused;
        }

        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var member = await MemberReader.FollowMergesAsync(db, target, cancellationToken);
        if (member is not { Status: MemberStatus.Active })
        {
            return ErasureErrors.MemberNotFound();
        }

        await using var work = await events.BeginAsync(db, cancellationToken);
        var pending = await db.ErasureRequests.AsNoTracking()
            .FirstOrDefaultAsync(r => r.MemberId == member.Id && r.Status == ErasureStatus.Pending, cancellationToken);
        if (pending is null)
        {
            return ErasureErrors.NothingPending();
        }

        var now = clock.GetUtcNow().UtcDateTime;
        if (pending.DueAt <= now)
        {
            return ErasureErrors.CoolingOffEnded(pending.DueAt);
        }

        // Conditional, like the job's claim: of a cancellation and an erasure racing for one request, one wins.
        var cancelled = await db.ErasureRequests
            .Where(r => r.Id == pending.Id && r.Status == ErasureStatus.Pending && r.DueAt > now)
            .ExecuteUpdateAsync(s => s
                .SetProperty(r => r.Status, ErasureStatus.Cancelled)
                .SetProperty(r => r.CancelledAt, now)
                .SetProperty(r => r.CancelledBy, caller.Subject), cancellationToken);
        if (cancelled == 0)
        {
            var current = await db.ErasureRequests.AsNoTracking().SingleAsync(r => r.Id == pending.Id, cancellationToken);
            return current.Status == ErasureStatus.Cancelled ? Outcome<ErasureRequest>.Ok(current) : ErasureErrors.CoolingOffEnded(current.DueAt);
        }

        audit.Record(db, caller, "privacy.erasure.cancel", MemberMerger.Target(member.Id),
            $"erasure request {pending.Id} cancelled before {pending.DueAt:O}");
        await work.CommitAsync(cancellationToken);
        return Outcome<ErasureRequest>.Ok(await db.ErasureRequests.AsNoTracking().SingleAsync(r => r.Id == pending.Id, cancellationToken));
    }

    private async Task<Outcome<ErasureRequest>> TryRequestAsync(Caller caller, long target, CancellationToken cancellationToken)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var member = await MemberReader.FollowMergesAsync(db, target, cancellationToken);
        if (member is not { Status: MemberStatus.Active })
        {
            return ErasureErrors.MemberNotFound();
        }

        await using var work = await events.BeginAsync(db, cancellationToken);
        var pending = await db.ErasureRequests.AsNoTracking()
            .FirstOrDefaultAsync(r => r.MemberId == member.Id && r.Status == ErasureStatus.Pending, cancellationToken);
        if (pending is not null)
        {
            return Outcome<ErasureRequest>.Ok(pending);
        }

        var now = clock.GetUtcNow().UtcDateTime;
        var request = new ErasureRequest
        {
            MemberId = member.Id,
            RequestedAt = now,
            RequestedBy = caller.Subject,
            RequestedByRole = caller.Is(Roles.Admin) ? ErasureRequester.Admin : ErasureRequester.Member,
            DueAt = now.AddDays(options.Value.ErasureCoolingOffDays),
        };
        db.ErasureRequests.Add(request);
        await db.SaveChangesAsync(cancellationToken);
        work.Raise(new ErasureRequested(member.Id, request.Id, caller, now));
        audit.Record(db, caller, "privacy.erasure.request", MemberMerger.Target(member.Id),
            $"erasure request {request.Id} by {ConstantCase.Of(request.RequestedByRole)}, due {request.DueAt:O}");
        await work.CommitAsync(cancellationToken);
        return Outcome<ErasureRequest>.Ok(request);
    }

    /// <summary>
    /// The member a request is about: the token's own member (a member naming anyone else is refused), or the member an
    /// admin names (required; an id that is no Member id names no member).
    /// </summary>
    private static (long Target, UserError? Refused) TargetOf(Caller caller, string? memberId)
    {
        switch (caller)
        {
            case { Role: Roles.Member, MemberId: { } self }:
                if (memberId is not null && GlobalId.TryDecode(memberId, "Member") != self)
                {
                    throw RequestRefusedException.NotAuthorized("ask for or cancel another member's erasure");
                }

                return (self, null);
            case { Role: Roles.Admin }:
                return memberId is null ? (0, ErasureErrors.MemberIdRequired())
                    : GlobalId.TryDecode(memberId, "Member") is { } named ? (named, null) : (0, ErasureErrors.MemberNotFound());
            default:
                throw RequestRefusedException.NotAuthorized("ask for or cancel an erasure without being the member or an admin");
        }
    }
}

using MemberGraph.Auth;
using MemberGraph.Data;
using MemberGraph.Domain;
using MemberGraph.Members;
using Microsoft.EntityFrameworkCore;

namespace MemberGraph.Orders;

/// <summary>
/// The member an order names (<see cref="OrderMemberReference"/>): <see cref="MemberId"/> as the code or id carries it
/// (the order's fingerprint uses it, so a retry with the same code is a replay), whether the code has expired since
/// (a replay is still answered), and whether the member, after merges, is still there to buy.
/// </summary>
public sealed record ReferencedMember(long MemberId, bool CodeExpired, bool Active);

/// <summary>
/// Checks the member an order names the way the till's other ways of naming a member are checked: a member code as
/// <c>memberByCode</c> checks it (<see cref="MemberCodeService"/>; showing it is the member's consent, so any store may use
/// it), an id for staff as <c>member(id:)</c> does (<see cref="MemberReader"/>: only members their store may read, unknown
/// ids refused alike), for channel integrations and admins any member (an unknown id is refused, for admins as NOT_FOUND).
/// </summary>
public sealed class OrderMemberLookup(IDbContextFactory<MemberGraphDb> factory, MemberCodeService codes, MemberReader reader)
{
    public async Task<Outcome<ReferencedMember>> FindAsync(OrderMemberReference reference, Caller caller, CancellationToken cancellationToken)
    {
        if (reference.MemberCode is { } code)
        {
            var check = codes.Verify(code);
            if (check.Status == MemberCodeStatus.Invalid)
            {
                return Outcome<ReferencedMember>.Refused(UserErrorCode.MemberCodeInvalid, MemberCodeService.InvalidMessage, "member.memberCode");
            }

            return Outcome<ReferencedMember>.Ok(new ReferencedMember(check.MemberId, check.Status == MemberCodeStatus.Expired, await IsActiveAsync(check.MemberId, cancellationToken)));
        }

        var id = reference.MemberId ?? throw new ArgumentException("A member reference names a code or an id.", nameof(reference));
        if (caller.Is(Roles.Staff))
        {
            var member = await reader.ReadAsync(caller, id, cancellationToken); // AUTH_NOT_AUTHORIZED unless their store may read the member
            return Outcome<ReferencedMember>.Ok(new ReferencedMember(id, CodeExpired: false, member?.Status == MemberStatus.Active));
        }

        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        if (await MemberReader.FollowMergesAsync(db, id, cancellationToken) is { } found)
        {
            return Outcome<ReferencedMember>.Ok(new ReferencedMember(id, CodeExpired: false, found.Status == MemberStatus.Active));
        }

        return caller.Is(Roles.Admin)
            ? Outcome<ReferencedMember>.Refused(UserErrorCode.NotFound, "There is no such member.", "member.id")
            : throw RequestRefusedException.NotAuthorized("record orders for this member");
    }

    private async Task<bool> IsActiveAsync(long memberId, CancellationToken cancellationToken)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        return (await MemberReader.FollowMergesAsync(db, memberId, cancellationToken))?.Status == MemberStatus.Active;
    }
}

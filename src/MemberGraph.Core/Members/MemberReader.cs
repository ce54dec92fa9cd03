using MemberGraph.Auth;
using MemberGraph.Data;
using MemberGraph.Domain;
using Microsoft.EntityFrameworkCore;

namespace MemberGraph.Members;

/// <summary>Reads one member for member(id:) and node(id:): follows merges to the survivor, then applies <see cref="MemberVisibility"/>.</summary>
public sealed class MemberReader(IDbContextFactory<MemberGraphDb> factory)
{
    /// <summary>A merge chain longer than this is a data fault (or a cycle), not a real history.</summary>
    private const int MaxMergeHops = 16;

    /// <summary>
    /// member(id:) and node(id:): the member (or the survivor it was merged into) when the caller may see it — for a guide
    /// also a store colleague's customer, then with <c>Reduced</c> set (the Api shows it as a reduced card). Admins get
    /// null for an unknown id; everyone else is refused (AUTH_NOT_AUTHORIZED) for "unknown" and "not yours" alike, so ids
    /// cannot be probed. An erased member is an unknown id for everyone.
    /// </summary>
    public Task<(Member? Member, bool Reduced)> ReadCardAsync(Caller caller, long id, CancellationToken cancellationToken) =>
        ReadCardAsync(caller, id, mayReduce: true, cancellationToken);

    /// <summary>As <see cref="ReadCardAsync(Caller, long, CancellationToken)"/>, but only a member the caller may read in full.</summary>
    public async Task<Member?> ReadAsync(Caller caller, long id, CancellationToken cancellationToken) =>
        (await ReadCardAsync(caller, id, mayReduce: false, cancellationToken)).Member;

    /// <summary>The member with this id, or the member it was (transitively) merged into.</summary>
    public static async Task<Member?> FollowMergesAsync(MemberGraphDb db, long id, CancellationToken cancellationToken)
    {
        for (var hop = 0; hop < MaxMergeHops; hop++)
        {
            var member = await db.Members.AsNoTracking().FirstOrDefaultAsync(m => m.Id == id, cancellationToken);
            if (member is not { Status: MemberStatus.Merged, MergedIntoId: { } survivor })
            {
                return member;
            }

            id = survivor;
        }

        throw new InvalidOperationException($"Member {id}: merge chain longer than {MaxMergeHops} hops.");
    }

    private async Task<(Member? Member, bool Reduced)> ReadCardAsync(Caller caller, long id, bool mayReduce, CancellationToken cancellationToken)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var member = await FollowMergesAsync(db, id, cancellationToken);
        if (member is { Status: MemberStatus.Erased })
        {
            member = null; // an erased member is found by no one, as an unknown id (README "Privacy (PIPL)")
        }

        if (caller.Is(Roles.Admin))
        {
            return (member, false);
        }

        if (member is not null && await MaySeeAsync(db, caller, id, member, cancellationToken))
        {
            return (member, false);
        }

        if (member is not null && mayReduce && caller is { Role: Roles.Guide, GuideId: { } guideId }
            && await db.Members.Where(m => m.Id == member.Id).ColleaguesCustomersOf(db, guideId).AnyAsync(cancellationToken))
        {
            return (member, true);
        }

        throw RequestRefusedException.NotAuthorized("read this member");
    }

    private static async Task<bool> MaySeeAsync(MemberGraphDb db, Caller caller, long askedId, Member member, CancellationToken cancellationToken)
    {
        if (caller.Is(Roles.Member))
        {
            // The member themselves, also when either side of the question is a tombstone of the same person.
            return caller.MemberId is { } self
                   && (self == askedId || self == member.Id || (await FollowMergesAsync(db, self, cancellationToken))?.Id == member.Id);
        }

        return await db.Members.Where(m => m.Id == member.Id).VisibleTo(db, caller).AnyAsync(cancellationToken);
    }
}

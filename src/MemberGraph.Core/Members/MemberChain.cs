using MemberGraph.Data;
using Microsoft.EntityFrameworkCore;

namespace MemberGraph.Members;

/// <summary>Follows merge tombstones (<see cref="Member.MergedIntoId"/>) to the member that finally survived.</summary>
public static class MemberChain
{
    /// <summary>Longer chains than this mean corrupt data (a cycle), not history.</summary>
    public const int MaxHops = 32;

    // OneID follows the chain for every returning buyer of every order, so the read skips EF's LINQ pipeline (see SqlRead).
    private static readonly SqlRead<Member> ByIds = new(_ => """
        SELECT * FROM "Members" WHERE "Id" IN (@ids)
        """,
        row => row.Entity<Member>(),
        SqlArg.ListOf<long>("ids"));

    /// <summary>The distinct final survivors of <paramref name="memberIds"/>, tracked by <paramref name="db"/>; unknown ids are skipped.</summary>
    public static Task<List<Member>> FinalMembersAsync(MemberGraphDb db, IEnumerable<long> memberIds, CancellationToken cancellationToken) =>
        FinalMembersAsync(db, [], memberIds, cancellationToken);

    /// <summary>
    /// The distinct final survivors of the members already <paramref name="read"/> (by a read that joined them, say) and of
    /// <paramref name="memberIds"/>, tracked by <paramref name="db"/>: only tombstones and ids not among those read are read here.
    /// </summary>
    public static async Task<List<Member>> FinalMembersAsync(MemberGraphDb db, IEnumerable<Member> read, IEnumerable<long> memberIds,
        CancellationToken cancellationToken)
    {
        var finals = new Dictionary<long, Member>();
        var seen = new HashSet<long>();
        var pending = new List<long>();
        foreach (var member in read)
        {
            if (seen.Add(member.Id))
            {
                Follow(TrackedRows.Track(db, member), finals, seen, pending);
            }
        }

        pending.AddRange(memberIds.Where(seen.Add));
        for (var hop = 0; pending.Count > 0; hop++)
        {
            if (hop == MaxHops)
            {
                throw new InvalidOperationException($"Merge chain longer than {MaxHops} hops from member {pending[0]}: the tombstones form a cycle.");
            }

            var batch = pending;
            pending = [];
            foreach (var member in await ByIds.ListAsync(db, [batch], cancellationToken))
            {
                Follow(TrackedRows.Track(db, member), finals, seen, pending);
            }
        }

        return [.. finals.Values];
    }

    /// <summary>A survivor is final; a tombstone sends the chain on to the member it was merged into, once.</summary>
    private static void Follow(Member member, Dictionary<long, Member> finals, HashSet<long> seen, List<long> pending)
    {
        if (member is { Status: MemberStatus.Merged, MergedIntoId: { } next })
        {
            if (seen.Add(next))
            {
                pending.Add(next);
            }
        }
        else
        {
            finals[member.Id] = member;
        }
    }

    /// <summary>The final survivor of one member, or null when the member does not exist.</summary>
    public static async Task<Member?> FinalMemberAsync(MemberGraphDb db, long memberId, CancellationToken cancellationToken) =>
        (await FinalMembersAsync(db, [memberId], cancellationToken)).SingleOrDefault();

    /// <summary>Survivor first: the oldest member (earliest <see cref="Member.CreatedAt"/>, then lowest id).</summary>
    public static IOrderedEnumerable<Member> OldestFirst(this IEnumerable<Member> members) =>
        members.OrderBy(m => m.CreatedAt).ThenBy(m => m.Id);
}

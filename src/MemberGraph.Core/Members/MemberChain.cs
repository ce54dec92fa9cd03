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
    public static async Task<List<Member>> FinalMembersAsync(MemberGraphDb db, IEnumerable<long> memberIds, CancellationToken cancellationToken)
    {
        var finals = new Dictionary<long, Member>();
        var seen = new HashSet<long>();
        var pending = memberIds.Where(seen.Add).ToList();
        for (var hop = 0; pending.Count > 0; hop++)
        {
            if (hop == MaxHops)
            {
                throw new InvalidOperationException($"Merge chain longer than {MaxHops} hops from member {pending[0]}: the tombstones form a cycle.");
            }

            var batch = pending;
            pending = [];
            foreach (var read in await ByIds.ListAsync(db, [batch], cancellationToken))
            {
                var member = TrackedRows.Track(db, read);
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
        }

        return [.. finals.Values];
    }

    /// <summary>The final survivor of one member, or null when the member does not exist.</summary>
    public static async Task<Member?> FinalMemberAsync(MemberGraphDb db, long memberId, CancellationToken cancellationToken) =>
        (await FinalMembersAsync(db, [memberId], cancellationToken)).SingleOrDefault();

    /// <summary>Survivor first: the oldest member (earliest <see cref="Member.CreatedAt"/>, then lowest id).</summary>
    public static IOrderedEnumerable<Member> OldestFirst(this IEnumerable<Member> members) =>
        members.OrderBy(m => m.CreatedAt).ThenBy(m => m.Id);
}

using MemberGraph.Data;
using Microsoft.EntityFrameworkCore;

namespace MemberGraph.Members;

/// <summary>Moves the merged member's channel identities to the survivor, and exactly those back on unmerge.</summary>
public sealed class IdentityMergeParticipant : IMergeParticipant
{
    public string Kind => "Identities";

    public async Task<IReadOnlyList<long>> MoveAsync(MemberGraphDb db, long fromMemberId, long toMemberId, CancellationToken cancellationToken)
    {
        var ids = await db.Identities.Where(i => i.MemberId == fromMemberId).OrderBy(i => i.Id).Select(i => i.Id).ToListAsync(cancellationToken);
        await MoveToAsync(db, ids, toMemberId, cancellationToken);
        return ids;
    }

    public Task MoveBackAsync(MemberGraphDb db, IReadOnlyList<long> rowIds, long toMemberId, CancellationToken cancellationToken) =>
        MoveToAsync(db, rowIds, toMemberId, cancellationToken);

    private static async Task MoveToAsync(MemberGraphDb db, IReadOnlyList<long> ids, long memberId, CancellationToken cancellationToken)
    {
        if (ids.Count > 0)
        {
            await db.Identities.Where(i => ids.Contains(i.Id)).ExecuteUpdateAsync(s => s.SetProperty(i => i.MemberId, memberId), cancellationToken);
        }
    }
}

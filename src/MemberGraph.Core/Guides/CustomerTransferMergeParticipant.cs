using MemberGraph.Data;
using MemberGraph.Members;
using Microsoft.EntityFrameworkCore;

namespace MemberGraph.Guides;

/// <summary>
/// Moves customer transfers with the member on a OneID merge (and back on unmerge). A pending transfer of the merged
/// member stays where it is when the survivor has one pending too (one pending transfer per customer).
/// </summary>
public sealed class CustomerTransferMergeParticipant : IMergeParticipant
{
    public string Kind => "customerTransfers";

    public async Task<IReadOnlyList<long>> MoveAsync(MemberGraphDb db, long fromMemberId, long toMemberId, CancellationToken cancellationToken)
    {
        var survivorHasPending = await db.CustomerTransfers.AnyAsync(t => t.MemberId == toMemberId && t.Status == CustomerTransferStatus.Pending, cancellationToken);
        var rows = await db.CustomerTransfers
            .Where(t => t.MemberId == fromMemberId && !(survivorHasPending && t.Status == CustomerTransferStatus.Pending))
            .ToListAsync(cancellationToken);
        foreach (var row in rows)
        {
            row.MemberId = toMemberId;
        }

        return rows.Select(r => r.Id).ToList();
    }

    public async Task MoveBackAsync(MemberGraphDb db, IReadOnlyList<long> rowIds, long toMemberId, CancellationToken cancellationToken)
    {
        var rows = await db.CustomerTransfers.Where(t => rowIds.Contains(t.Id)).ToListAsync(cancellationToken);
        foreach (var row in rows)
        {
            row.MemberId = toMemberId;
        }
    }
}

using MemberGraph.Data;

namespace MemberGraph.Members;

/// <summary>
/// A feature that owns member-linked rows (identities, points, coupons, orders, guide relationships, tags)
/// moves them from the merged member to the survivor inside the merge transaction, and reports exactly which
/// rows moved so an unmerge can move those same rows back.
/// </summary>
public interface IMergeParticipant
{
    /// <summary>Stable name of the kind of rows, the key in <see cref="MemberMerge.MovedJson"/>.</summary>
    string Kind { get; }

    /// <summary>Moves the merged member's rows to the survivor; returns the ids of the rows moved.</summary>
    Task<IReadOnlyList<long>> MoveAsync(MemberGraphDb db, long fromMemberId, long toMemberId, CancellationToken cancellationToken);

    /// <summary>Moves exactly those rows back to the member they came from.</summary>
    Task MoveBackAsync(MemberGraphDb db, IReadOnlyList<long> rowIds, long toMemberId, CancellationToken cancellationToken);
}

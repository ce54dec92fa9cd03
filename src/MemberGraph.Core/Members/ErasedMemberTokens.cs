using MemberGraph.Data;
using Microsoft.EntityFrameworkCore;

namespace MemberGraph.Members;

/// <summary>
/// Whether a member token names a member who has been erased (directly, or through the merges it was followed along): such
/// a token stands for nobody any more, and the transports treat its bearer as anonymous — the app signs in again, and
/// OneID makes a new member. One indexed read per request of a member token (two or more only across merges), either on a
/// short context of its own (closed before the caller goes on) or on a context the caller lends, whose open connection
/// then serves the caller's own reads after it.
/// </summary>
public sealed class ErasedMemberTokens(IDbContextFactory<MemberGraphDb> factory)
{
    // Run for every request with a member token (the mini-program's home query included), so it skips EF's LINQ pipeline (see SqlRead).
    private static readonly SqlRead<(MemberStatus Status, long? MergedIntoId)> StatusOf = new(sql => $"""
        SELECT {sql.Top(1)} "Status", "MergedIntoId" FROM "Members" WHERE "Id" = @id {sql.Limit(1)}
        """,
        row => (row.Column<Member, MemberStatus>(0, nameof(Member.Status)), row.Column<Member, long?>(1, nameof(Member.MergedIntoId))),
        SqlArg.Of<long>("id"));

    public async Task<bool> IsErasedAsync(long memberId, CancellationToken cancellationToken)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        return await IsErasedAsync(db, memberId, cancellationToken);
    }

    public async Task<bool> IsErasedAsync(MemberGraphDb db, long memberId, CancellationToken cancellationToken)
    {
        var id = memberId;
        for (var hop = 0; hop < MemberChain.MaxHops; hop++)
        {
            var rows = await StatusOf.ListAsync(db, [id], cancellationToken);
            (MemberStatus Status, long? MergedIntoId)? member = rows.Count == 0 ? null : rows[0];
            switch (member)
            {
                case { Status: MemberStatus.Erased }:
                    return true;
                case { Status: MemberStatus.Merged, MergedIntoId: { } survivor }:
                    id = survivor;
                    break;
                default:
                    return false; // active, or unknown (a dev-token may name any id): the fields decide as before
            }
        }

        return false;
    }
}

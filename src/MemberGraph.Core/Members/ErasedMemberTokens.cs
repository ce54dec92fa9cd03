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
            var member = await db.Members.AsNoTracking().Where(m => m.Id == id)
                .Select(m => new { m.Status, m.MergedIntoId }).FirstOrDefaultAsync(cancellationToken);
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

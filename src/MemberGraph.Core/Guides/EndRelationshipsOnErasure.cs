using MemberGraph.Domain;
using MemberGraph.Members;
using MemberGraph.Privacy.Erasure;
using Microsoft.EntityFrameworkCore;

namespace MemberGraph.Guides;

/// <summary>
/// An erased member is nobody's customer any more: every open guide relationship ends (reason <see cref="EndReason"/>;
/// ended ones stay as history of the anonymous member, and the guides keep the commission they earned), a pending customer
/// transfer fails (<c>member_erased</c>), and the member's WeCom external user ids are blanked where they were kept — on
/// transfers and on the replay keys of WeCom callbacks.
/// </summary>
public sealed class EndRelationshipsOnErasure : IDomainEventHandler<MemberErased>
{
    public const string EndReason = "member_erased";

    public async Task HandleAsync(MemberErased erased, UnitOfWork work, CancellationToken cancellationToken)
    {
        var db = work.Db;
        var ids = erased.MemberIds;
        var now = erased.OccurredAt;
        await db.GuideRelationships.Where(r => ids.Contains(r.MemberId) && r.EndedAt == null)
            .ExecuteUpdateAsync(s => s.SetProperty(r => r.EndedAt, now).SetProperty(r => r.EndReason, EndReason), cancellationToken);
        await db.CustomerTransfers.Where(t => ids.Contains(t.MemberId) && t.Status == CustomerTransferStatus.Pending)
            .ExecuteUpdateAsync(s => s
                .SetProperty(t => t.Status, CustomerTransferStatus.Failed)
                .SetProperty(t => t.FailedAt, now)
                .SetProperty(t => t.FailReason, EndReason), cancellationToken);
        await db.CustomerTransfers.Where(t => ids.Contains(t.MemberId) && t.ExternalUserId != null)
            .ExecuteUpdateAsync(s => s.SetProperty(t => t.ExternalUserId, (string?)null), cancellationToken);

        var weComIds = erased.Identities.Where(i => i.Channel == IdentityChannel.WecomExternalUserid).Select(i => i.ExternalId).ToList();
        if (weComIds.Count > 0)
        {
            await db.WeComCallbackEvents.Where(e => weComIds.Contains(e.ExternalUserId))
                .ExecuteUpdateAsync(s => s.SetProperty(e => e.ExternalUserId, "erased").SetProperty(e => e.State, (string?)null), cancellationToken);
        }
    }
}

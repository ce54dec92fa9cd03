using MemberGraph.Domain;
using MemberGraph.Privacy.Erasure;
using Microsoft.EntityFrameworkCore;

namespace MemberGraph.Tags;

/// <summary>An erased member keeps no tags: how the brand segmented a person is personal information. Rule runs skip erased members.</summary>
public sealed class RemoveTagsOnErasure : IDomainEventHandler<MemberErased>
{
    public async Task HandleAsync(MemberErased erased, UnitOfWork work, CancellationToken cancellationToken) =>
        await work.Db.MemberTags.Where(t => erased.MemberIds.Contains(t.MemberId)).ExecuteDeleteAsync(cancellationToken);
}

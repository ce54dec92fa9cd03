using GraphQL;
using MemberGraph.Auth;
using MemberGraph.Data;
using MemberGraph.GraphQL;
using MemberGraph.GraphQL.Relay;
using Microsoft.EntityFrameworkCore;

namespace MemberGraph.Guides;

/// <summary><c>node(id:)</c> for guides: the guide themselves, staff of the store, admins, and members the guide serves.</summary>
public sealed class GuideNodeResolver : INodeResolver
{
    public string TypeName => "Guide";

    public async Task<object?> ResolveAsync(IResolveFieldContext context, long key)
    {
        var guide = await context.GuideById().Load(key).GetResultAsync(context.CancellationToken);
        if (guide is null)
        {
            return null;
        }

        var caller = context.Caller();
        if ((caller.Is(Roles.Guide) && caller.GuideId == guide.Id) || GuideAccess.CanManage(caller, guide.StoreId))
        {
            return guide;
        }

        if (caller.Is(Roles.Member) && caller.MemberId is { } memberId)
        {
            await using var db = await context.Service<IDbContextFactory<MemberGraphDb>>().CreateDbContextAsync(context.CancellationToken);
            if (await db.GuideRelationships.AnyAsync(r => r.GuideId == guide.Id && r.MemberId == memberId && r.EndedAt == null, context.CancellationToken))
            {
                return guide;
            }
        }

        throw GraphQLRequestError.NotAuthorized("see this guide");
    }
}

using GraphQL;
using MemberGraph.Auth;
using MemberGraph.Data;
using MemberGraph.GraphQL;
using MemberGraph.GraphQL.Relay;
using MemberGraph.Members;
using Microsoft.EntityFrameworkCore;

namespace MemberGraph.Orders;

/// <summary>
/// <c>node(id:)</c> for orders: the buyer, staff of the order's store, a guide with a relationship to the buyer,
/// channel integrations for the channels in their scope (the order only: they may not select its member) and admins;
/// everyone else is refused, and everyone but an admin also for an unknown id.
/// </summary>
public sealed class OrderNodeResolver : INodeResolver
{
    public string TypeName => "Order";

    public async Task<object?> ResolveAsync(IResolveFieldContext context, long key)
    {
        var order = await context.OrderById().Load(key).GetResultAsync(context.CancellationToken);
        var caller = context.Caller();
        if (caller.Is(Roles.Admin))
        {
            return order;
        }

        if (order is null)
        {
            throw GraphQLRequestError.NotAuthorized("see this order"); // as for another's order: ids are sequential and must not be probed
        }

        var allowed = caller.Role switch
        {
            Roles.Ingestion => ChannelScope.Covers(caller, order.Channel),
            Roles.Member => await MemberSelf.IsSelfAsync(context, order.MemberId),
            Roles.Staff => caller.StoreId is not null && caller.StoreId == order.StoreId,
            Roles.Guide => await IsGuideOfAsync(context, caller.GuideId, order.MemberId),
            _ => false,
        };
        return allowed ? order : throw GraphQLRequestError.NotAuthorized("see this order");
    }

    private static async Task<bool> IsGuideOfAsync(IResolveFieldContext context, long? guideId, long memberId)
    {
        if (guideId is null)
        {
            return false;
        }

        await using var db = await context.Service<IDbContextFactory<MemberGraphDb>>().CreateDbContextAsync(context.CancellationToken);
        return await db.GuideRelationships.AnyAsync(r => r.GuideId == guideId && r.MemberId == memberId && r.EndedAt == null, context.CancellationToken);
    }
}

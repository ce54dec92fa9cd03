using GraphQL.Types;
using GraphQL.Types.Relay;
using MemberGraph.Auth;
using MemberGraph.GraphQL.Authorization;
using MemberGraph.GraphQL.DataLoaders;
using MemberGraph.GraphQL.Relay;
using MemberGraph.Members;

namespace MemberGraph.Orders;

/// <summary><c>Member.orders</c>: newest first, keyset-paged, batched across all members of the level.</summary>
public sealed class OrderMemberFields : IMemberFields
{
    public void AddTo(MemberType member)
    {
        member.Field<ConnectionType<OrderType>>("orders")
            .Description("The member's orders from every channel, newest first. Not visible to partners. " +
                         "Null only where refused (a store colleague's customer, for a guide).")
            .Authorize(Roles.Member, Roles.Guide, Roles.Staff, Roles.Admin)
            .Resolve(ctx =>
            {
                var page = PageRequest.From(ctx);
                var memberId = ctx.Source.Id;
                var count = ctx.WantsTotalCount() ? ctx.OrderCountByMember().Load(memberId) : null;
                return ctx.OrdersByMember(page).Load(memberId).Then(async (rows, ct) =>
                    Connections.Build(rows, page, o => o.Id, count is null ? null : await count.GetResultAsync(ct)));
            })
            .FieldType.WithPagingArguments();
    }
}

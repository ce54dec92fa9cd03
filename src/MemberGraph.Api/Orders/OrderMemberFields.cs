using GraphQL;
using GraphQL.Types;
using GraphQL.Types.Relay;
using MemberGraph.Auth;
using MemberGraph.GraphQL.Authorization;
using MemberGraph.GraphQL.DataLoaders;
using MemberGraph.GraphQL.Lists;
using MemberGraph.GraphQL.Relay;
using MemberGraph.Members;

namespace MemberGraph.Orders;

/// <summary><c>Member.orders</c>: newest first unless sorted, keyset-paged, batched across all members of the level.</summary>
public sealed class OrderMemberFields : IMemberFields
{
    public void AddTo(MemberType member)
    {
        member.Field<ConnectionType<OrderType>>("orders")
            .Description("The member's orders from every channel, newest first unless `order` says otherwise. Not visible to partners. " +
                         "Null only where refused (a store colleague's customer, for a guide).")
            .Argument<OrderFilterInputType>("where", "Conditions on the orders (channel, status, when paid, amount).")
            .Argument<ListGraphType<NonNullGraphType<OrderSortInputType>>>("order",
                $"Sort by these keys in turn (at most {SortCatalog<Order>.MaxTerms}); ties, and no order, go newest order first.")
            .Authorize(Roles.Member, Roles.Guide, Roles.Staff, Roles.Admin)
            .Resolve(ctx =>
            {
                var filter = ctx.GetArgument<OrderFilter?>("where");
                var list = ListPage<Order>.From(ctx, OrderList.Sorts);
                var memberId = ctx.Source.Id;
                if (filter is not null || !list.Order.ById)
                {
                    return ctx.OrdersByMember(filter ?? new OrderFilter(), list).Load(memberId);
                }

                // The mini-program's home: the compiled newest-first page (same cursors), and its count when asked.
                var page = PageRequest.From(ctx);
                var count = ctx.WantsTotalCount() ? ctx.OrderCountByMember().Load(memberId) : null;
                return ctx.OrdersByMember(page).Load(memberId).Then(async (rows, ct) =>
                    Connections.Build(rows, page, o => o.Id, count is null ? null : await count.GetResultAsync(ct)));
            })
            .FieldType.WithPagingArguments();
    }
}

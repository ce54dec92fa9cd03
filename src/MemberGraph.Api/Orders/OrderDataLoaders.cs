using GraphQL;
using GraphQL.Types.Relay.DataObjects;
using MemberGraph.GraphQL;
using MemberGraph.GraphQL.DataLoaders;
using MemberGraph.GraphQL.Lists;
using MemberGraph.GraphQL.Relay;
using Microsoft.EntityFrameworkCore;

namespace MemberGraph.Orders;

/// <summary>Batched reads of orders: one query per level of the GraphQL query, whatever the number of parents.</summary>
public static class OrderDataLoaders
{
    /// <summary>
    /// A page of each member's orders, newest first: one windowed query (ROW_NUMBER per member) for all members of
    /// the level. Each list holds up to <c>First + 1</c> rows (the extra one says there is a next page).
    /// </summary>
    public static BatchLoader<long, IReadOnlyList<Order>> OrdersByMember(this IResolveFieldContext context, PageRequest page)
    {
        var loaderDb = context.Service<LoaderDb>();
        var take = page.First + 1;
        var after = page.After ?? long.MaxValue;
        return context.Context().Loaders.GetOrAdd<long, IReadOnlyList<Order>>($"OrdersByMember:{take}:{after}", () => new((ids, ct) => loaderDb.ReadAsync<IReadOnlyDictionary<long, IReadOnlyList<Order>>>(async db =>
        {
            if (ids.Count == 1)
            {
                // One member (me, node): the compiled index range scan, cheaper than the windowed form.
                return new Dictionary<long, IReadOnlyList<Order>> { [ids[0]] = await OrderReads.LatestOfAsync(db, ids[0], after, take, ct) };
            }

            var rows = await db.Orders.AsNoTracking()
                .Where(o => ids.Contains(o.MemberId) && o.Id < after)
                .GroupBy(o => o.MemberId)
                .Select(g => new { MemberId = g.Key, Page = g.OrderByDescending(o => o.Id).Take(take).ToList() })
                .ToListAsync(ct);
            return rows.ToDictionary(g => g.MemberId, g => (IReadOnlyList<Order>)g.Page.OrderByDescending(o => o.Id).ToList());
        }, ct), []));
    }

    /// <summary>A page of each member's orders with <c>where</c> or <c>order</c>, in one statement for the level (<see cref="PagesByMember"/>).</summary>
    public static BatchLoader<long, Connection<Order>> OrdersByMember(this IResolveFieldContext context, OrderFilter filter, ListPage<Order> page) =>
        PagesByMember.Load(context, "Orders", filter, page, db => OrderList.Filtered(db, filter), o => o.MemberId);

    public static BatchLoader<long, int> OrderCountByMember(this IResolveFieldContext context)
    {
        var loaderDb = context.Service<LoaderDb>();
        return context.Context().Loaders.GetOrAdd<long, int>("OrderCountByMember", () => new((ids, ct) => loaderDb.ReadAsync<IReadOnlyDictionary<long, int>>(async db =>
            await db.Orders.AsNoTracking().WhereKeyIn(o => o.MemberId, ids)
                .GroupBy(o => o.MemberId).Select(g => new { g.Key, Count = g.Count() })
                .ToDictionaryAsync(g => g.Key, g => g.Count, ct), ct), 0));
    }

    public static BatchLoader<long, Order?> OrderById(this IResolveFieldContext context)
    {
        var loaderDb = context.Service<LoaderDb>();
        return context.Context().Loaders.GetOrAdd<long, Order?>("OrderById", () => new((ids, ct) => loaderDb.ReadAsync<IReadOnlyDictionary<long, Order?>>(async db =>
            await db.Orders.AsNoTracking().WhereKeyIn(o => o.Id, ids).ToDictionaryAsync(o => o.Id, o => (Order?)o, ct), ct), null));
    }

    public static BatchLoader<long, IReadOnlyList<OrderLine>> LinesByOrder(this IResolveFieldContext context)
    {
        var loaderDb = context.Service<LoaderDb>();
        return context.Context().Loaders.GetOrAdd<long, IReadOnlyList<OrderLine>>("LinesByOrder", () => new((ids, ct) => loaderDb.ReadAsync<IReadOnlyDictionary<long, IReadOnlyList<OrderLine>>>(async db =>
        {
            var rows = await db.OrderLines.AsNoTracking().WhereKeyIn(l => l.OrderId, ids).OrderBy(l => l.OrderId).ThenBy(l => l.LineNumber).ToListAsync(ct);
            return rows.GroupBy(l => l.OrderId).ToDictionary(g => g.Key, g => (IReadOnlyList<OrderLine>)g.ToList());
        }, ct), []));
    }

    public static BatchLoader<long, IReadOnlyList<OrderRefund>> RefundsByOrder(this IResolveFieldContext context)
    {
        var loaderDb = context.Service<LoaderDb>();
        return context.Context().Loaders.GetOrAdd<long, IReadOnlyList<OrderRefund>>("RefundsByOrder", () => new((ids, ct) => loaderDb.ReadAsync<IReadOnlyDictionary<long, IReadOnlyList<OrderRefund>>>(async db =>
        {
            var rows = await db.OrderRefunds.AsNoTracking().WhereKeyIn(r => r.OrderId, ids).OrderBy(r => r.Id).ToListAsync(ct);
            return rows.GroupBy(r => r.OrderId).ToDictionary(g => g.Key, g => (IReadOnlyList<OrderRefund>)g.ToList());
        }, ct), []));
    }

    public static BatchLoader<long, IReadOnlyList<OrderRefundLine>> LinesByRefund(this IResolveFieldContext context)
    {
        var loaderDb = context.Service<LoaderDb>();
        return context.Context().Loaders.GetOrAdd<long, IReadOnlyList<OrderRefundLine>>("LinesByRefund", () => new((ids, ct) => loaderDb.ReadAsync<IReadOnlyDictionary<long, IReadOnlyList<OrderRefundLine>>>(async db =>
        {
            var rows = await db.OrderRefundLines.AsNoTracking().WhereKeyIn(l => l.RefundId, ids).OrderBy(l => l.LineNumber).ToListAsync(ct);
            return rows.GroupBy(l => l.RefundId).ToDictionary(g => g.Key, g => (IReadOnlyList<OrderRefundLine>)g.ToList());
        }, ct), []));
    }
}

using System.Linq.Expressions;
using System.Text.Json;
using GraphQL;
using GraphQL.Types.Relay.DataObjects;
using MemberGraph.Data;
using MemberGraph.GraphQL.DataLoaders;
using MemberGraph.GraphQL.Relay;
using Microsoft.EntityFrameworkCore;

namespace MemberGraph.GraphQL.Lists;

/// <summary>A member's list (orders, coupons) with <c>where</c> and <c>order</c>, batched over the members of a level.</summary>
public static class PagesByMember
{
    /// <summary>
    /// A page of each member's rows, for all members of the level in one statement (<see cref="ListOrder{TRow}.PagesOf"/>,
    /// each member's count in the same statement when totalCount is selected). A batch of one member (<c>me</c>) is a plain
    /// keyset page, which stops at the page instead of numbering all the member's rows, and a COUNT when asked. The
    /// loader is per list, filter and page, since those shape the statement.
    /// </summary>
    public static BatchLoader<long, Connection<TRow>> Load<TRow, TFilter>(IResolveFieldContext context, string list, TFilter filter, ListPage<TRow> page,
        Func<MemberGraphDb, IQueryable<TRow>> rows, Expression<Func<TRow, long>> memberOf)
    {
        var loaderDb = context.Service<LoaderDb>();
        var withTotal = context.WantsTotalCount();
        var name = $"{list}ByMember:{JsonSerializer.Serialize(filter)}:{page.Key}:{withTotal}";
        var empty = page.Connection([], withTotal ? 0 : null);
        return context.Context().Loaders.GetOrAdd<long, Connection<TRow>>(name, () => new((ids, ct) => loaderDb.ReadAsync<IReadOnlyDictionary<long, Connection<TRow>>>(async db =>
        {
            var matching = rows(db).WhereKeyIn(memberOf, ids);
            if (ids.Count == 1)
            {
                var found = await page.Order.Page(db, matching, page.After, page.Take).ToListAsync(ct);
                int? total = withTotal ? await matching.CountAsync(ct) : null;
                return new Dictionary<long, Connection<TRow>> { [ids[0]] = page.Connection(found, total) };
            }

            var pages = await page.Order.PagesOf(db, db.Members.AsNoTracking().WhereKeyIn(m => m.Id, ids), m => m.Id, matching, memberOf, page.After, page.Take, withTotal)
                .ToListAsync(ct);
            return pages.ToDictionary(p => p.ParentId, p => page.Connection(p.Rows, p.Total));
        }, ct), empty));
    }
}

using GraphQL.Types;
using GraphQL.Types.Relay;
using MemberGraph.Auth;
using MemberGraph.Data;
using MemberGraph.GraphQL;
using MemberGraph.GraphQL.Authorization;
using MemberGraph.GraphQL.Relay;
using Microsoft.EntityFrameworkCore;

namespace MemberGraph.Members;

/// <summary>
/// Minimal admin-only <c>members(first:, after:)</c> of the loyalty branch (for the batching test and the
/// benchmark); the members branch's full query (filters, guide and staff scopes) replaces it when merged.
/// </summary>
public sealed class MemberListQueries : IQueryFields
{
    public void AddTo(QueryType query) =>
        query.Field<NonNullGraphType<ConnectionType<MemberType>>>("members")
            .Description("Members in id order (admins).")
            .Authorize(Roles.Admin)
            .ResolveAsync(async ctx =>
            {
                var page = PageRequest.From(ctx);
                var after = page.After ?? 0;
                await using var db = await ctx.Service<IDbContextFactory<MemberGraphDb>>().CreateDbContextAsync(ctx.CancellationToken);
                var rows = await db.Members.AsNoTracking().Where(m => m.Id > after).OrderBy(m => m.Id).Take(page.First + 1).ToListAsync(ctx.CancellationToken);
                int? total = ctx.WantsTotalCount() ? await db.Members.CountAsync(ctx.CancellationToken) : null;
                return Connections.Build(rows, page, m => m.Id, total);
            })
            .FieldType.WithPagingArguments();
}

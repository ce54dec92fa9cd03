using GraphQL;
using GraphQL.Types;
using GraphQL.Types.Relay;
using MemberGraph.Auth;
using MemberGraph.Data;
using MemberGraph.GraphQL;
using MemberGraph.GraphQL.Authorization;
using MemberGraph.GraphQL.Relay;
using Microsoft.EntityFrameworkCore;

namespace MemberGraph.Privacy.Erasure;

/// <summary><c>erasureRequests</c>: the back office's view of who asked to be erased, and when it is due or was done.</summary>
public sealed class ErasureQueries : IQueryFields
{
    public void AddTo(QueryType query) =>
        query.Field<NonNullGraphType<ConnectionType<ErasureRequestType, EdgeType<ErasureRequestType>>>>("erasureRequests")
            .Description("Erasure requests, newest first (admins).")
            .Argument<ErasureStatusType>("status", "Only requests in this status.")
            .Authorize(Roles.Admin)
            .ResolveAsync(async ctx =>
            {
                var page = PageRequest.From(ctx);
                var status = ctx.GetArgument<ErasureStatus?>("status");
                await using var db = await ctx.Service<IDbContextFactory<MemberGraphDb>>().CreateDbContextAsync(ctx.CancellationToken);
                var requests = db.ErasureRequests.AsNoTracking().Where(r => status == null || r.Status == status);
                var rows = await requests.Where(r => page.After == null || r.Id < page.After).OrderByDescending(r => r.Id).Take(page.First + 1)
                    .ToListAsync(ctx.CancellationToken);
                int? total = ctx.WantsTotalCount() ? await requests.CountAsync(ctx.CancellationToken) : null;
                return Connections.Build(rows, page, r => r.Id, total);
            })
            .FieldType.WithPagingArguments();
}

using GraphQL;
using GraphQL.Types;
using GraphQL.Types.Relay;
using MemberGraph.Auth;
using MemberGraph.Data;
using MemberGraph.GraphQL;
using MemberGraph.GraphQL.Authorization;
using MemberGraph.GraphQL.Relay;
using Microsoft.EntityFrameworkCore;

namespace MemberGraph.Jobs;

public sealed class JobQueries : IQueryFields
{
    public void AddTo(QueryType query)
    {
        query.Field<NonNullGraphType<ConnectionType<JobRunType, EdgeType<JobRunType>>>>("jobRuns")
            .Description("Job runs, newest first (operators).")
            .Argument<StringGraphType>("job", "Only runs of this job.")
            .Authorize(Roles.Admin)
            .ResolveAsync(async ctx =>
            {
                var page = PageRequest.From(ctx);
                var job = ctx.GetArgument<string?>("job");
                await using var db = await ctx.Service<IDbContextFactory<MemberGraphDb>>().CreateDbContextAsync(ctx.CancellationToken);
                var runs = db.JobRuns.AsNoTracking().Where(r => job == null || r.Job == job);
                var rows = await runs.Where(r => page.After == null || r.Id < page.After).OrderByDescending(r => r.Id).Take(page.First + 1).ToListAsync(ctx.CancellationToken);
                int? total = ctx.WantsTotalCount() ? await runs.CountAsync(ctx.CancellationToken) : null;
                return Connections.Build(rows, page, r => r.Id, total);
            })
            .FieldType.WithPagingArguments();
    }
}

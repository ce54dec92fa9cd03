using GraphQL;
using GraphQL.Types;
using MemberGraph.Auth;
using MemberGraph.Data;
using MemberGraph.Domain;
using MemberGraph.GraphQL;
using MemberGraph.GraphQL.Authorization;
using MemberGraph.GraphQL.Relay;
using Microsoft.EntityFrameworkCore;

namespace MemberGraph.Operations.Journeys;

public sealed class JourneyQueries(IDbContextFactory<MemberGraphDb> factory) : IQueryFields
{
    public void AddTo(QueryType query)
    {
        query.Field<NonNullGraphType<JourneyConnectionType>>("journeys")
            .Description("Automated journeys, oldest first (admins).")
            .Authorize(Roles.Admin)
            .ResolveAsync(async ctx =>
            {
                var page = PageRequest.From(ctx);
                await using var db = await factory.CreateDbContextAsync(ctx.CancellationToken);
                var all = db.Journeys.AsNoTracking();
                var rows = await all.Where(j => page.After == null || j.Id > page.After).OrderBy(j => j.Id).Take(page.First + 1).ToListAsync(ctx.CancellationToken);
                int? total = ctx.WantsTotalCount() ? await all.CountAsync(ctx.CancellationToken) : null;
                return Connections.Build(rows, page, j => j.Id, total);
            })
            .FieldType.WithPagingArguments();

        query.Field<JourneyType>("journey")
            .Description("One journey by id, null when there is none (admins).")
            .Argument<NonNullGraphType<IdGraphType>>("id", "The journey's id.")
            .Authorize(Roles.Admin)
            .ResolveAsync(async ctx =>
            {
                var id = DefineJourneyInput.Key(ctx.GetArgument<string>("id"), "Journey");
                await using var db = await factory.CreateDbContextAsync(ctx.CancellationToken);
                return await db.Journeys.AsNoTracking().FirstOrDefaultAsync(j => j.Id == id, ctx.CancellationToken);
            });
    }
}

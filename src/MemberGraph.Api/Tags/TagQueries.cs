using GraphQL;
using GraphQL.Types;
using MemberGraph.Auth;
using MemberGraph.Data;
using MemberGraph.GraphQL;
using MemberGraph.GraphQL.Authorization;
using Microsoft.EntityFrameworkCore;

namespace MemberGraph.Tags;

public sealed class TagQueries : IQueryFields
{
    public void AddTo(QueryType query)
    {
        query.Field<NonNullGraphType<ListGraphType<NonNullGraphType<TagDefinitionType>>>>("tags")
            .Description("Tag definitions (guides see the active ones they can apply or read).")
            .Argument<BooleanGraphType>("includeRetired", "Also retired tags (operators).")
            .Authorize(Roles.Admin, Roles.Guide, Roles.Staff)
            .ResolveAsync(async ctx =>
            {
                var includeRetired = ctx.GetArgument("includeRetired", false) && ctx.Caller().Is(Roles.Admin);
                await using var db = await ctx.Service<IDbContextFactory<MemberGraphDb>>().CreateDbContextAsync(ctx.CancellationToken);
                return await db.TagDefinitions.AsNoTracking().Where(t => includeRetired || t.Active).OrderBy(t => t.Key).Take(1000).ToListAsync(ctx.CancellationToken);
            });
    }
}

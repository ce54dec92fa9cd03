using GraphQL;
using GraphQL.Types;
using MemberGraph.Auth;
using MemberGraph.Data;
using MemberGraph.GraphQL;
using MemberGraph.GraphQL.Authorization;
using MemberGraph.GraphQL.Relay;
using Microsoft.EntityFrameworkCore;

namespace MemberGraph.Segments;

public sealed class SegmentQueries(SegmentService segments) : IQueryFields
{
    public void AddTo(QueryType query)
    {
        query.Field<NonNullGraphType<SegmentPreviewType>>("segmentPreview")
            .Description("Counts and samples the audience of an expression without saving it (operators). Grammar: tag keys and " +
                         "attribute predicates (tier, store, city, gender, registered with = or !=) combined with AND, OR, NOT and " +
                         "parentheses. A bad expression is SEGMENT_EXPRESSION_INVALID with extensions.position (0-based).")
            .Argument<NonNullGraphType<StringGraphType>>("expression", "e.g. `loves_imported AND NOT lifecycle_dormant AND (tier = GOLD OR tier = BLACK_GOLD)`.")
            .Authorize(Roles.Admin)
            .ResolveAsync(async ctx =>
            {
                var text = ctx.GetArgument<string>("expression");
                var (audience, error) = await segments.CompileAsync(text, ctx.CancellationToken);
                return audience is null ? throw SegmentErrors.Invalid(error!) : new SegmentPreview(text, audience);
            });

        query.Field<NonNullGraphType<SegmentConnectionType>>("segments")
            .Description("Saved segments, oldest first (operators).")
            .Authorize(Roles.Admin)
            .ResolveAsync(async ctx =>
            {
                var page = PageRequest.From(ctx);
                await using var db = await ctx.Service<IDbContextFactory<MemberGraphDb>>().CreateDbContextAsync(ctx.CancellationToken);
                var all = db.Segments.AsNoTracking();
                var rows = await all.Where(s => page.After == null || s.Id > page.After).OrderBy(s => s.Id).Take(page.First + 1).ToListAsync(ctx.CancellationToken);
                int? total = ctx.WantsTotalCount() ? await all.CountAsync(ctx.CancellationToken) : null;
                return Connections.Build(rows, page, s => s.Id, total);
            })
            .FieldType.WithPagingArguments();
    }
}

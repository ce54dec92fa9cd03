using GraphQL;
using GraphQL.Types;
using GraphQL.Types.Relay;
using MemberGraph.Domain;
using MemberGraph.GraphQL;
using MemberGraph.GraphQL.Relay;
using MemberGraph.Members;

namespace MemberGraph.Segments;

/// <summary>A previewed expression: its audience, counted and sampled on demand.</summary>
public sealed record SegmentPreview(string Expression, SegmentAudience Audience);

public sealed class SegmentPreviewType : ObjectGraphType<SegmentPreview>
{
    public SegmentPreviewType()
    {
        Name = "SegmentPreview";
        Description = "The audience an expression selects, before saving it.";
        Field(p => p.Expression).Description("The expression as given.");
        Field<NonNullGraphType<LongGraphType>>("count")
            .Description("How many active members match (one SQL COUNT).")
            .ResolveAsync(async ctx => await ctx.Service<SegmentService>().CountAsync(ctx.Source.Audience, ctx.CancellationToken));
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<MemberType>>>>("sample")
            .Description("The first matching members by id (one page; at most 100).")
            .Argument<IntGraphType>("first", "How many (default 10, at most 100).")
            .ResolveAsync(async ctx =>
            {
                var first = ctx.GetArgument<int?>("first") ?? 10;
                if (first is < 0 or > PageRequest.MaxPageSize)
                {
                    throw new GraphQLRequestError(ErrorCodes.PageSizeExceeded, $"'first' must be between 0 and {PageRequest.MaxPageSize}.");
                }

                return await ctx.Service<SegmentService>().PageAsync(ctx.Source.Audience, null, first, ctx.CancellationToken);
            });
    }
}

public sealed class SegmentType : ObjectGraphType<Segment>
{
    public SegmentType()
    {
        Name = "Segment";
        Description = "A saved audience (客群): a name and an expression over tags and member attributes.";
        Field<NonNullGraphType<IdGraphType>>("id").Description("Global, opaque id.").Resolve(ctx => GlobalId.Encode("Segment", ctx.Source.Id));
        Field(s => s.Name).Description("Unique name.");
        Field(s => s.Expression).Description("The expression, e.g. `loves_imported AND NOT lifecycle_dormant AND tier = GOLD`.");
        Field(s => s.LastCount, type: typeof(LongGraphType)).Description("Members matching when it was last saved.");
        Field(s => s.LastCountedAt, nullable: true).Description("When that count was taken (UTC).");
        Field(s => s.Owner).Description("Who saved it first.");
        Field(s => s.CreatedAt).Description("When it was created (UTC).");
        Field(s => s.UpdatedAt).Description("When it was last saved (UTC).");
        Field<NonNullGraphType<MemberConnectionType>>("members")
            .Description("The members matching now, by id (keyset paging). Read one segment's members at a time: each segment is its own query.")
            .ResolveAsync(async ctx =>
            {
                var page = PageRequest.From(ctx);
                var service = ctx.Service<SegmentService>();
                var (audience, error) = await service.CompileAsync(ctx.Source.Expression, ctx.CancellationToken);
                if (audience is null)
                {
                    // Saved expressions were valid; a tag retired since makes one unreadable.
                    throw SegmentErrors.Invalid(error!);
                }

                var rows = await service.PageAsync(audience, page.After, page.First + 1, ctx.CancellationToken);
                long? total = ctx.WantsTotalCount() ? await service.CountAsync(audience, ctx.CancellationToken) : null;
                return Connections.Build(rows, page, m => m.Id, (int?)total);
            })
            .FieldType.WithPagingArguments();
    }
}

public sealed class SegmentConnectionType : ConnectionType<SegmentType>
{
    public SegmentConnectionType() => Description = "A page of segments.";
}

public static class SegmentErrors
{
    public static GraphQLRequestError Invalid(SegmentSyntaxError error) =>
        new(ErrorCodes.SegmentExpressionInvalid, $"{error.Message} (at position {error.Position})", new Dictionary<string, object?> { ["position"] = error.Position });
}

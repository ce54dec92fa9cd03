using GraphQL;
using GraphQL.Types;
using MemberGraph.Auth;
using MemberGraph.Domain;
using MemberGraph.GraphQL;
using MemberGraph.GraphQL.Authorization;

namespace MemberGraph.Segments;

public sealed record SaveSegmentPayload(Segment? Segment, IReadOnlyList<UserError> Errors) : IPayload;

public sealed class SegmentMutations(SegmentService segments) : IMutationFields
{
    public void AddTo(MutationType mutation) =>
        mutation.Field<NonNullGraphType<SaveSegmentPayloadType>>("saveSegment")
            .Description("Creates a segment, or changes the one `id` names, and counts its members (operators). A bad expression " +
                         "is SEGMENT_EXPRESSION_INVALID, its message naming the position.")
            .Argument<NonNullGraphType<SaveSegmentInputType>>("input")
            .Authorize(Roles.Admin)
            .ResolveAsync(async ctx =>
            {
                var outcome = await segments.SaveAsync(ctx.GetArgument<SaveSegmentInput>("input"), ctx.Caller(), ctx.CancellationToken);
                return new SaveSegmentPayload(outcome.Value, outcome.Error is null ? [] : [outcome.Error]);
            });
}

public sealed class SaveSegmentInputType : InputObjectGraphType<SaveSegmentInput>
{
    public SaveSegmentInputType()
    {
        Name = "SaveSegmentInput";
        Description = "A segment to create (no id) or change (its id).";
        Field<IdGraphType>("id").Description("The segment to change; omit to create one.");
        Field(i => i.Name).Description("Unique name, 1 to 100 characters.");
        Field(i => i.Expression).Description("The audience expression (see segmentPreview).");
    }
}

public sealed class SaveSegmentPayloadType : PayloadGraphType<SaveSegmentPayload>
{
    public SaveSegmentPayloadType()
    {
        Name = "SaveSegmentPayload";
        Description = "The saved segment with its member count.";
        Field<SegmentType>("segment").Description("The segment.").Resolve(ctx => ctx.Source.Segment);
    }
}

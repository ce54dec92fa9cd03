using GraphQL.Types;
using MemberGraph.Domain;
using MemberGraph.GraphQL;

namespace MemberGraph.Guides;

public sealed record BindGuidePayload(GuideRelationship? Relationship, IReadOnlyList<UserError> Errors) : IPayload;

public sealed class BindGuidePayloadType : PayloadGraphType<BindGuidePayload>
{
    public BindGuidePayloadType()
    {
        Name = "BindGuidePayload";
        Description = "The relationship bindGuide opened, or the one that already existed.";
        Field<GuideRelationshipType>("relationship").Description("The member's open relationship with the guide.").Resolve(ctx => ctx.Source.Relationship);
    }
}

public sealed record SignInWithWeComPayload(string? Token, DateTimeOffset? ExpiresAt, Guide? Guide, IReadOnlyList<UserError> Errors) : IPayload;

public sealed class SignInWithWeComPayloadType : PayloadGraphType<SignInWithWeComPayload>
{
    public SignInWithWeComPayloadType()
    {
        Name = "SignInWithWeComPayload";
        Description = "A guide token for the WeCom sidebar.";
        Field<StringGraphType>("token").Description("Bearer token of role guide (guide id and store id).").Resolve(ctx => ctx.Source.Token);
        Field<DateTimeOffsetGraphType>("expiresAt").Description("When the token expires.").Resolve(ctx => ctx.Source.ExpiresAt);
        Field<GuideType>("guide").Description("The guide signed in.").Resolve(ctx => ctx.Source.Guide);
    }
}

public sealed record GuidePayload(Guide? Guide, IReadOnlyList<UserError> Errors) : IPayload;

public sealed class CreateGuideContactWayPayloadType : PayloadGraphType<GuidePayload>
{
    public CreateGuideContactWayPayloadType()
    {
        Name = "CreateGuideContactWayPayload";
        Description = "The guide with their WeCom contact QR code.";
        Field<GuideType>("guide").Description("The guide; contactQrCode is set.").Resolve(ctx => ctx.Source.Guide);
    }
}

public sealed record TransferCustomersPayload(Guide? Guide, IReadOnlyList<CustomerTransfer> Transfers, IReadOnlyList<TransferRefusal> Refusals, IReadOnlyList<UserError> Errors) : IPayload;

public sealed class TransferCustomersPayloadType : PayloadGraphType<TransferCustomersPayload>
{
    public TransferCustomersPayloadType()
    {
        Name = "TransferCustomersPayload";
        Description = "The transfers started (pending, or failed at once when WeCom refused a customer) and the customers refused.";
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<CustomerTransferType>>>>("transfers").Description("One per customer transferred.").Resolve(ctx => ctx.Source.Transfers);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<CustomerTransferRefusalType>>>>("refusals").Description("Customers not transferred, each with its code.").Resolve(ctx => ctx.Source.Refusals);
    }
}

public sealed class MarkGuideResignedPayloadType : PayloadGraphType<TransferCustomersPayload>
{
    public MarkGuideResignedPayloadType()
    {
        Name = "MarkGuideResignedPayload";
        Description = "The resigned guide and the transfers of their customers to the store's other guides.";
        Field<GuideType>("guide").Description("The guide, now resigned.").Resolve(ctx => ctx.Source.Guide);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<CustomerTransferType>>>>("transfers").Description("The customers offered to other guides (pending WeCom's takeover).").Resolve(ctx => ctx.Source.Transfers);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<CustomerTransferRefusalType>>>>("refusals").Description("Customers that could not be transferred.").Resolve(ctx => ctx.Source.Refusals);
    }
}

public sealed record CompleteDueTransfersPayload(CompletionReport? Report, IReadOnlyList<UserError> Errors) : IPayload;

public sealed class CompleteDueTransfersPayloadType : PayloadGraphType<CompleteDueTransfersPayload>
{
    public CompleteDueTransfersPayloadType()
    {
        Name = "CompleteDueTransfersPayload";
        Description = "What one completion run did with the transfers whose 24 h were over.";
        Field<NonNullGraphType<IntGraphType>>("completed").Description("Transfers completed.").Resolve(ctx => ctx.Source.Report?.Completed ?? 0);
        Field<NonNullGraphType<IntGraphType>>("failed").Description("Transfers WeCom reported as refused or over the takeover limit.").Resolve(ctx => ctx.Source.Report?.Failed ?? 0);
        Field<NonNullGraphType<IntGraphType>>("stillPending").Description("Transfers WeCom still reports as waiting, or could not be asked about.").Resolve(ctx => ctx.Source.Report?.StillPending ?? 0);
    }
}

using GraphQL.Types;
using MemberGraph.Domain;
using MemberGraph.GraphQL;
using MemberGraph.Members;

namespace MemberGraph.Guides;

public sealed class CustomerTransferType : ObjectGraphType<CustomerTransfer>
{
    public CustomerTransferType()
    {
        Name = "CustomerTransfer";
        Description = "One customer handed from one guide to another (在职继承 / 离职继承); pending until WeCom completes the takeover after 24 h.";
        Field<NonNullGraphType<IdGraphType>>("id").Description("Global, opaque id.").Resolve(ctx => GlobalId.Encode("CustomerTransfer", ctx.Source.Id));
        Field<NonNullGraphType<MemberType>>("member").Description("The customer.").Resolve(ctx => ctx.MemberById().Load(ctx.Source.MemberId));
        Field<NonNullGraphType<GuideType>>("fromGuide").Description("The guide handing over.").Resolve(ctx => ctx.GuideById().Load(ctx.Source.FromGuideId));
        Field<NonNullGraphType<GuideType>>("toGuide").Description("The guide taking over.").Resolve(ctx => ctx.GuideById().Load(ctx.Source.ToGuideId));
        Field<NonNullGraphType<CustomerTransferKindType>>("kind").Description("On-job or resigned transfer.").Resolve(ctx => ctx.Source.Kind);
        Field<NonNullGraphType<CustomerTransferStatusType>>("status").Description("Pending, completed or failed.").Resolve(ctx => ctx.Source.Status);
        Field(t => t.Reason).Description("Why the customer was transferred.");
        Field(t => t.RequestedAt).Description("When the transfer was asked for.");
        Field(t => t.DueAt).Description("When WeCom completes the takeover (24 h after the request).");
        Field(t => t.CompletedAt, nullable: true).Description("When the new guide took over.");
        Field(t => t.FailedAt, nullable: true).Description("When the transfer failed.");
        Field(t => t.FailReason, nullable: true).Description("Why it failed: customer_refused, takeover_limit_reached, a WeCom errcode, ...");
    }
}

public sealed class CustomerTransferRefusalType : ObjectGraphType<TransferRefusal>
{
    public CustomerTransferRefusalType()
    {
        Name = "CustomerTransferRefusal";
        Description = "A customer that was not transferred, and why (the other customers of the request still were).";
        Field<NonNullGraphType<IdGraphType>>("memberId").Description("The member's global id.").Resolve(ctx => GlobalId.Encode("Member", ctx.Source.MemberId));
        Field<NonNullGraphType<UserErrorCodeType>>("code").Description("TRANSFER_LIMIT_REACHED, TRANSFER_PENDING, NOT_YOUR_CUSTOMER, ...").Resolve(ctx => ctx.Source.Code);
        Field(r => r.Message).Description("Explanation for people.");
    }
}

public sealed class CustomerTransferKindType : EnumerationGraphType<CustomerTransferKind>
{
    public CustomerTransferKindType()
    {
        Name = "CustomerTransferKind";
        Description = "在职继承 (the guide still works here) or 离职继承 (the guide has resigned).";
    }
}

public sealed class CustomerTransferStatusType : EnumerationGraphType<CustomerTransferStatus>
{
    public CustomerTransferStatusType()
    {
        Name = "CustomerTransferStatus";
        Description = "Where a customer transfer stands.";
    }
}

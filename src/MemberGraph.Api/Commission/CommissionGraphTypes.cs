using GraphQL.Types;
using MemberGraph.Domain;
using MemberGraph.Orders;

namespace MemberGraph.Commission;

public sealed class GuideCommissionType : ObjectGraphType<CommissionTotals>
{
    public GuideCommissionType()
    {
        Name = "GuideCommission";
        Description = "A guide's running commission, in cents. Today and month follow the business calendar (China time) and count the net " +
            "commission booked in that period (earned minus clawed back); pending and settled are what the guide's lines hold now.";
        Field<NonNullGraphType<LongGraphType>>("today").Description("Net commission booked today (business day), in cents; may be negative after a refund.").Resolve(ctx => ctx.Source.Today);
        Field<NonNullGraphType<LongGraphType>>("month").Description("Net commission booked this business month, in cents.").Resolve(ctx => ctx.Source.Month);
        Field<NonNullGraphType<LongGraphType>>("pending").Description("Commission earned and not settled yet (net of clawbacks), in cents.").Resolve(ctx => ctx.Source.Pending);
        Field<NonNullGraphType<LongGraphType>>("settled").Description("Commission settled (paid out), net of clawbacks after settlement, in cents.").Resolve(ctx => ctx.Source.Settled);
        Field<NonNullGraphType<LongGraphType>>("clawedBack").Description("Everything refunds took back, in cents.").Resolve(ctx => ctx.Source.ClawedBack);
    }
}

public sealed class CommissionLineType : ObjectGraphType<CommissionLine>
{
    public CommissionLineType()
    {
        Name = "CommissionLine";
        Description = "What a guide earned on one line of an attributed order, and what refunds took back. Money is in cents.";
        Field<NonNullGraphType<IdGraphType>>("orderId").Description("Global id of the order.").Resolve(ctx => GlobalId.Encode("Order", ctx.Source.OrderId));
        Field(l => l.LineNumber).Description("The order line's number.");
        Field(l => l.Sku).Description("The line's SKU.");
        Field<NonNullGraphType<ProductCategoryType>>("category").Description("The line's product category.").Resolve(ctx => ctx.Source.Category);
        Field(l => l.Rule).Description("The commission rule that applied.");
        Field(l => l.RateBasisPoints, nullable: true).Description("The rate applied, in basis points (100 = 1%); null for a fixed amount.");
        Field<NonNullGraphType<LongGraphType>>("baseCents").Description("The line's paid share the commission was computed on.").Resolve(ctx => ctx.Source.BaseCents);
        Field<NonNullGraphType<LongGraphType>>("amountCents").Description("What the line earned.").Resolve(ctx => ctx.Source.AmountCents);
        Field<NonNullGraphType<LongGraphType>>("clawedBackCents").Description("What refunds took back so far.").Resolve(ctx => ctx.Source.ClawedBackCents);
        Field<NonNullGraphType<LongGraphType>>("netCents").Description("Earned minus clawed back.").Resolve(ctx => ctx.Source.NetCents);
        Field<NonNullGraphType<CommissionStatusType>>("status").Description("Pending, settled, or clawed back entirely.").Resolve(ctx => ctx.Source.Status);
        Field(l => l.EarnedAt).Description("When the order was recorded and the commission earned.");
        Field(l => l.SettledAt, nullable: true).Description("When a settlement run settled it.");
        Field(l => l.ClawedBackAt, nullable: true).Description("When a refund last took some back.");
    }
}

public sealed class CommissionStatusType : EnumerationGraphType<CommissionStatus>
{
    public CommissionStatusType()
    {
        Name = "CommissionStatus";
        Description = "Where a commission line stands.";
    }
}

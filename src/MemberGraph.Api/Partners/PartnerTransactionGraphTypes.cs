using GraphQL.Types;
using GraphQL.Types.Relay;
using MemberGraph.Auth;
using MemberGraph.GraphQL.Authorization;

namespace MemberGraph.Partners;

public sealed class PartnerTransactionKindType : EnumerationGraphType<PartnerTransactionKind>
{
    public PartnerTransactionKindType()
    {
        Name = "PartnerTransactionKind";
        Description = "REDEMPTION: the partner wrote off one of its benefits; POINTS_EXCHANGE: a member bought one of its benefits with " +
                      "brand points; POINTS_CREDIT: the partner credited its points into a member's brand points.";
        this.ReadableBy(Roles.Partner);
    }
}

public sealed class PartnerTransactionType : ObjectGraphType<PartnerTransaction>
{
    public PartnerTransactionType()
    {
        Name = "PartnerTransaction";
        Description = "One thing the brand and a partner settle: a redemption, a points exchange or a points credit. Only appended.";
        this.ReadableBy(Roles.Partner);
        Field<NonNullGraphType<PartnerTransactionKindType>>("kind").Description("What happened.").Resolve(ctx => ctx.Source.Kind);
        Field(t => t.TransactionId)
            .Description("The partner's transaction id (redemptions, credits), or the brand's reference coupon:<n> (exchanges).");
        Field<IdGraphType>("memberId")
            .Description("The member's PartnerMember.id for this partner, when they consented to it at that moment; null otherwise.")
            .Resolve(ctx => ctx.Source.PairwiseId);
        Field(t => t.BenefitName, nullable: true).Description("The benefit's name (redemptions, exchanges).");
        Field(t => t.Points, type: typeof(NonNullGraphType<LongGraphType>))
            .Description("Brand points spent by the member (exchanges) or credited to them (credits); 0 for redemptions.");
        Field(t => t.PartnerPoints, type: typeof(LongGraphType)).Description("The partner's points converted (credits only).");
        Field(t => t.At).Description("When (UTC).");
        Field<NonNullGraphType<DateGraphType>>("businessDate").Description("The business day (China time) it is settled on.")
            .Resolve(ctx => ctx.Source.BusinessDate.ToDateTime(TimeOnly.MinValue)); // the Date scalar serialises DateTime
    }
}

public sealed class PartnerTransactionEdgeType : EdgeType<PartnerTransactionType>
{
    public PartnerTransactionEdgeType() => this.ReadableBy(Roles.Partner);
}

public sealed class PartnerTransactionConnectionType : ConnectionType<PartnerTransactionType, PartnerTransactionEdgeType>
{
    public PartnerTransactionConnectionType()
    {
        Description = "A page of a partner's transactions.";
        this.ReadableBy(Roles.Partner);
    }
}

using GraphQL.Types;

namespace MemberGraph.Partners;

public sealed class RedeemPartnerBenefitInputType : InputObjectGraphType<RedeemPartnerBenefitInput>
{
    public RedeemPartnerBenefitInputType()
    {
        Name = "RedeemPartnerBenefitInput";
        Description = "A partner benefit written off at the partner's counter.";
        Field(i => i.Code).Description("The code of the benefit (the PARTNER coupon) the member shows, with or without separators.");
        Field(i => i.TransactionId)
            .Description("The partner's own id of this write-off (1 to 64 visible characters): asking again with it answers the first " +
                         "write-off, so a retry after a timeout is safe.");
    }
}

public sealed class CreditPartnerPointsInputType : InputObjectGraphType<CreditPartnerPointsInput>
{
    public CreditPartnerPointsInputType()
    {
        Name = "CreditPartnerPointsInput";
        Description = "The partner's points a member turns into brand points.";
        Field(i => i.MemberId, type: typeof(NonNullGraphType<IdGraphType>)).Description("The member's PartnerMember.id (their pairwise id for this partner).");
        Field(i => i.TransactionId)
            .Description("The partner's own id of this credit (1 to 64 visible characters): asking again with it answers the first credit.");
        Field(i => i.PartnerPoints, type: typeof(NonNullGraphType<LongGraphType>))
            .Description("The partner's points to convert (1 to 100,000,000); the partner's configured rate turns them into brand points, rounded down.");
    }
}

public sealed class ExchangePointsForPartnerBenefitInputType : InputObjectGraphType<ExchangePointsForPartnerBenefitInput>
{
    public ExchangePointsForPartnerBenefitInputType()
    {
        Name = "ExchangePointsForPartnerBenefitInput";
        Description = "A partner benefit bought with points; the idempotency key makes retries safe.";
        Field(i => i.TemplateId, type: typeof(NonNullGraphType<IdGraphType>)).Description("The PARTNER coupon template (one with a points price).");
        Field(i => i.IdempotencyKey).Description("Unique per exchange attempt (1-100 characters); a replay returns the first result.");
    }
}

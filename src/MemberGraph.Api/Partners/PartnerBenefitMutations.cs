using GraphQL;
using GraphQL.Types;
using MemberGraph.Auth;
using MemberGraph.Coupons;
using MemberGraph.Domain;
using MemberGraph.GraphQL;
using MemberGraph.GraphQL.Authorization;

namespace MemberGraph.Partners;

/// <summary>The partner benefits and points (权益互通): write-offs and credits by partners, exchanges by members.</summary>
public sealed class PartnerBenefitMutations(PartnerBenefitRedemptions redemptions, PartnerPointsCredits credits, PartnerBenefitExchanges exchanges)
    : IMutationFields
{
    public void AddTo(MutationType mutation)
    {
        mutation.Field<NonNullGraphType<RedeemPartnerBenefitPayloadType>>("redeemPartnerBenefit")
            .Description("Partners (scope benefits:redeem): write off one of the partner's own benefits (a PARTNER coupon) the member shows, " +
                         "once. The same transactionId for the same code answers the first write-off with replayed: true (a retry after a " +
                         "timeout is safe, also in parallel); for another code IDEMPOTENCY_CONFLICT. Another partner's or the brand's coupon is " +
                         "NOT_FOUND like an unknown code; COUPON_ALREADY_REDEEMED, COUPON_EXPIRED as at the till. Audited.")
            .Argument<NonNullGraphType<RedeemPartnerBenefitInputType>>("input")
            .Authorize(Roles.Partner)
            .RequireScope(PartnerScope.BenefitsRedeem)
            .ResolveAsync(async ctx =>
            {
                var input = ctx.GetArgument<RedeemPartnerBenefitInput>("input");
                return PartnerReceiptPayload.From(await redemptions.RedeemAsync(ctx.Caller(), input.Code, input.TransactionId, ctx.CancellationToken));
            });

        mutation.Field<NonNullGraphType<CreditPartnerPointsPayloadType>>("creditPartnerPoints")
            .Description("Partners (scope points:exchange): turn a member's points with the partner into brand points (积分互通), for a member " +
                         "consenting to it for POINTS_EXCHANGE (else PARTNER_CONSENT_REQUIRED, as for an unknown id). The partner's rate and " +
                         "daily caps come from configuration (PARTNER_CREDIT_NOT_CONFIGURED, PARTNER_DAILY_CAP_REACHED). The points are " +
                         "available at once; the ledger entry's source is PARTNER. The same transactionId answers the first credit " +
                         "(replayed: true); with another member or amount IDEMPOTENCY_CONFLICT. Audited.")
            .Argument<NonNullGraphType<CreditPartnerPointsInputType>>("input")
            .Authorize(Roles.Partner)
            .RequireScope(PartnerScope.PointsExchange)
            .ResolveAsync(async ctx =>
            {
                var input = ctx.GetArgument<CreditPartnerPointsInput>("input");
                return PartnerReceiptPayload.From(await credits.CreditAsync(
                    ctx.Caller(), input.MemberId, input.TransactionId, input.PartnerPoints, ctx.CancellationToken));
            });

        mutation.Field<NonNullGraphType<ExchangePointsForPartnerBenefitPayloadType>>("exchangePointsForPartnerBenefit")
            .Description("The signed-in member buys a partner's benefit with points (200 points → 2 hours' parking at the mall): a PARTNER " +
                         "template with a points price, with the member's live POINTS_EXCHANGE consent to that partner (else " +
                         "PARTNER_CONSENT_REQUIRED). Points are spent if and only if the coupon is issued; replays of the idempotency key " +
                         "return the first coupon. The exchange appears in the partner's settlement.")
            .Argument<NonNullGraphType<ExchangePointsForPartnerBenefitInputType>>("input")
            .Authorize(Roles.Member)
            .ResolveAsync(async ctx =>
            {
                var input = ctx.GetArgument<ExchangePointsForPartnerBenefitInput>("input");
                return GlobalId.TryDecode(input.TemplateId, "CouponTemplate") is { } templateId
                    ? CouponPayload.From(await exchanges.ExchangeAsync(ctx.Caller(), templateId, input.IdempotencyKey, ctx.CancellationToken))
                    : CouponPayload.From(CouponErrors.TemplateNotFound());
            });
    }
}

using GraphQL;
using GraphQL.Types;
using MemberGraph.Auth;
using MemberGraph.GraphQL;
using MemberGraph.GraphQL.Authorization;

namespace MemberGraph.Coupons;

/// <summary>Operators define, change and retire coupon templates.</summary>
public sealed class CouponTemplateMutations : IMutationFields
{
    public void AddTo(MutationType mutation)
    {
        mutation.Field<NonNullGraphType<DefineCouponTemplatePayloadType>>("defineCouponTemplate")
            .Description("Defines a coupon template (admins).")
            .Argument<NonNullGraphType<DefineCouponTemplateInputType>>("input", "See the input type.")
            .Authorize(Roles.Admin)
            .ResolveAsync(async ctx => CouponTemplatePayload.From(await ctx.Service<CouponTemplateService>().DefineAsync(
                ctx.Caller(), ctx.GetArgument<DefineCouponTemplateInput>("input"), ctx.CancellationToken)));

        mutation.Field<NonNullGraphType<UpdateCouponTemplatePayloadType>>("updateCouponTemplate")
            .Description("Changes a template's name, stock, limits, validity (for future coupons), stores, channels or points price (admins).")
            .Argument<NonNullGraphType<UpdateCouponTemplateInputType>>("input", "See the input type.")
            .Authorize(Roles.Admin)
            .ResolveAsync(async ctx => CouponTemplatePayload.From(await ctx.Service<CouponTemplateService>().UpdateAsync(
                ctx.Caller(), ctx.GetArgument<UpdateCouponTemplateInput>("input"), ctx.CancellationToken)));

        mutation.Field<NonNullGraphType<RetireCouponTemplatePayloadType>>("retireCouponTemplate")
            .Description("Stops issuing coupons of a template; issued coupons stay valid (admins).")
            .Argument<NonNullGraphType<RetireCouponTemplateInputType>>("input", "See the input type.")
            .Authorize(Roles.Admin)
            .ResolveAsync(async ctx => CouponTemplatePayload.From(await ctx.Service<CouponTemplateService>().RetireAsync(
                ctx.Caller(), ctx.GetArgument<RetireCouponTemplateInput>("input").Id, ctx.CancellationToken)));
    }
}

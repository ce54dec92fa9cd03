using GraphQL;
using GraphQL.Types;
using MemberGraph.Auth;
using MemberGraph.Domain;
using MemberGraph.GraphQL;
using MemberGraph.GraphQL.Authorization;
using MemberGraph.Members;

namespace MemberGraph.Coupons;

/// <summary>Getting and using coupons: claim, send, exchange, reserve, release, write off.</summary>
public sealed class CouponMutations : IMutationFields
{
    public void AddTo(MutationType mutation)
    {
        mutation.Field<NonNullGraphType<ClaimCouponPayloadType>>("claimCoupon")
            .Description("The signed-in member claims a coupon (stock and the per-member limit apply).")
            .Argument<NonNullGraphType<ClaimCouponInputType>>("input", "See the input type.")
            .Authorize(Roles.Member)
            .ResolveAsync(async ctx =>
            {
                var input = ctx.GetArgument<ClaimCouponInput>("input");
                var caller = MemberCaller(ctx);
                return GlobalId.TryDecode(input.TemplateId, "CouponTemplate") is { } templateId
                    ? CouponPayload.From(await ctx.Service<CouponService>().ClaimAsync(caller, templateId, ctx.CancellationToken))
                    : Refused(CouponErrors.TemplateNotFound());
            });

        mutation.Field<NonNullGraphType<SendCouponPayloadType>>("sendCoupon")
            .Description("A guide sends a coupon to their own customer (a member with an open relationship to them); others get NOT_YOUR_CUSTOMER.")
            .Argument<NonNullGraphType<SendCouponInputType>>("input", "See the input type.")
            .Authorize(Roles.Guide)
            .ResolveAsync(async ctx =>
            {
                var input = ctx.GetArgument<SendCouponInput>("input");
                var caller = ctx.Caller();
                if (caller.GuideId is null)
                {
                    throw GraphQLRequestError.NotAuthorized("send coupons without a guide id in the token");
                }

                if (GlobalId.TryDecode(input.TemplateId, "CouponTemplate") is not { } templateId)
                {
                    return Refused(CouponErrors.TemplateNotFound());
                }

                return GlobalId.TryDecode(input.MemberId, "Member") is { } memberId
                    ? CouponPayload.From(await ctx.Service<CouponService>().SendAsync(caller, templateId, memberId, ctx.CancellationToken))
                    : Refused(CouponErrors.MemberNotFound());
            });

        mutation.Field<NonNullGraphType<ExchangePointsForCouponPayloadType>>("exchangePointsForCoupon")
            .Description("The signed-in member buys a coupon with points: the points are spent if and only if the coupon is issued (one transaction). Replays of the idempotency key return the first result.")
            .Argument<NonNullGraphType<ExchangePointsForCouponInputType>>("input", "See the input type.")
            .Authorize(Roles.Member)
            .ResolveAsync(async ctx =>
            {
                var input = ctx.GetArgument<ExchangePointsForCouponInput>("input");
                var caller = MemberCaller(ctx);
                return GlobalId.TryDecode(input.TemplateId, "CouponTemplate") is { } templateId
                    ? CouponPayload.From(await ctx.Service<CouponService>().ExchangeAsync(caller, templateId, input.IdempotencyKey, ctx.CancellationToken))
                    : Refused(CouponErrors.TemplateNotFound());
            });

        mutation.Field<NonNullGraphType<ReserveCouponPayloadType>>("reserveCoupon")
            .Description("Holds a coupon for an order in payment (the member for their own coupon, store staff for their store, admins). By couponId staff reach only the coupons node(id:) gives them. Reserving again for the same order changes nothing.")
            .Argument<NonNullGraphType<ReserveCouponInputType>>("input", "See the input type.")
            .Authorize(Roles.Member, Roles.Staff, Roles.Admin)
            .ResolveAsync(async ctx =>
            {
                var input = ctx.GetArgument<ReserveCouponInput>("input");
                if (Reference(input.CouponId, input.Code) is not { } reference)
                {
                    return Refused(CouponErrors.Invalid("Give couponId or code (one of them).", "couponId"));
                }

                if (!TryStore(input.StoreId, out var storeId))
                {
                    return Refused(UnknownStore());
                }

                var use = new CouponUse(input.OrderRef, storeId, input.Channel, input.OrderAmountCents);
                return ShownBy(ctx, reference, await ctx.Service<CouponWriteOffService>().ReserveAsync(ctx.Caller(), reference, use, ctx.CancellationToken));
            });

        mutation.Field<NonNullGraphType<ReleaseCouponPayloadType>>("releaseCoupon")
            .Description("Frees a coupon reserved for an order whose payment was cancelled. Releasing a coupon that is not reserved changes nothing.")
            .Argument<NonNullGraphType<ReleaseCouponInputType>>("input", "See the input type.")
            .Authorize(Roles.Member, Roles.Staff, Roles.Admin)
            .ResolveAsync(async ctx =>
            {
                var input = ctx.GetArgument<ReleaseCouponInput>("input");
                return Reference(input.CouponId, input.Code) is { } reference
                    ? ShownBy(ctx, reference, await ctx.Service<CouponWriteOffService>().ReleaseAsync(ctx.Caller(), reference, input.OrderRef, ctx.CancellationToken))
                    : Refused(CouponErrors.Invalid("Give couponId or code (one of them).", "couponId"));
            });

        mutation.Field<NonNullGraphType<RedeemCouponPayloadType>>("redeemCoupon")
            .Description("Store write-off (核销), once only: staff of a store where the coupon is usable, or an admin. Checks the validity window, store, channel and the threshold against the order amount. " +
                         "Asked again for the same order, store and amount (a till retrying after a timeout) it answers the first write-off with replayed: true; another order gets COUPON_ALREADY_REDEEMED.")
            .Argument<NonNullGraphType<RedeemCouponInputType>>("input", "See the input type.")
            .Authorize(Roles.Staff, Roles.Admin)
            .ResolveAsync(async ctx =>
            {
                var input = ctx.GetArgument<RedeemCouponInput>("input");
                if (!TryStore(input.StoreId, out var storeId))
                {
                    return Refused(UnknownStore());
                }

                var use = new CouponUse(input.OrderRef, storeId, input.Channel, input.OrderAmountCents);
                var outcome = await ctx.Service<CouponWriteOffService>().RedeemAsync(ctx.Caller(), input.Code, use, ctx.CancellationToken);
                var payload = ShownBy(ctx, new CouponRef(null, input.Code), new Outcome<Coupon>(outcome.Value?.Coupon, outcome.Error));
                return payload with { Replayed = outcome.Value?.Replayed ?? false };
            });
    }

    private static Caller MemberCaller(IResolveFieldContext ctx)
    {
        var caller = ctx.Caller();
        return caller.MemberId is null ? throw GraphQLRequestError.NotAuthorized("get coupons without a member id in the token") : caller;
    }

    /// <summary>A coupon used by the code the member showed names its holder to the store in this request (<see cref="ShownAtTill"/>).</summary>
    private static CouponPayload ShownBy(IResolveFieldContext ctx, CouponRef reference, Outcome<Coupon> outcome)
    {
        if (reference.Code is not null && outcome.Value is { } coupon)
        {
            ShownAtTill.Record(ctx, coupon.MemberId);
        }

        return CouponPayload.From(outcome);
    }

    private static CouponRef? Reference(string? couponId, string? code) =>
        (couponId is null) == (code is null) ? null : new CouponRef(couponId, code);

    private static bool TryStore(string? id, out long? storeId)
    {
        storeId = id is null ? null : GlobalId.TryDecode(id, "Store");
        return id is null || storeId is not null;
    }

    private static UserError UnknownStore() => new(UserErrorCode.NotFound, "There is no such store.", "storeId");

    private static CouponPayload Refused(UserError error) => new(null, [error]);
}

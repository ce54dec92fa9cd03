using GraphQL;
using GraphQL.Types;
using GraphQL.Types.Relay;
using MemberGraph.Auth;
using MemberGraph.Data;
using MemberGraph.GraphQL;
using MemberGraph.GraphQL.Authorization;
using MemberGraph.GraphQL.Relay;
using MemberGraph.Members;
using MemberGraph.Stores;
using Microsoft.EntityFrameworkCore;

namespace MemberGraph.Coupons;

public sealed class CouponType : ObjectGraphType<Coupon>
{
    public CouponType()
    {
        Name = "Coupon";
        Description = "A coupon held by a member.";
        Interface<NodeInterface>();
        Field<NonNullGraphType<IdGraphType>>("id").Description("Global, opaque id.").Resolve(ctx => GlobalId.Encode("Coupon", ctx.Source.Id));
        Field<NonNullGraphType<StringGraphType>>("code")
            .Description("The code to show at the till (XXXX-XXXX-XXXX-XXXX): in full for the member, store staff and admins; masked for guides and others.")
            .ResolveAsync(async ctx => await SeesCodeAsync(ctx, ctx.Source) ? CouponCode.Format(ctx.Source.Code) : Masked(ctx.Source.Code));
        Field<NonNullGraphType<CouponTemplateType>>("template")
            .Description("What the coupon gives and where it can be used.")
            .Resolve(ctx => ctx.CouponTemplateFor().Load(ctx.Source.TemplateId));
        Field<MemberType>("member").Description("The member holding it.").Resolve(ctx => ctx.MemberById().Load(ctx.Source.MemberId));
        Field<NonNullGraphType<CouponStatusType>>("status")
            .Description("The status now: a coupon past its window is EXPIRED even before the expiry step has run.")
            .Resolve(ctx => ctx.Source.StatusAt(ctx.Service<TimeProvider>().GetUtcNow().UtcDateTime));
        Field<NonNullGraphType<CouponSourceType>>("source").Description("How the member got it.").Resolve(ctx => ctx.Source.Source);
        Field(c => c.IssuedAt).Description("When it was issued.");
        Field(c => c.ValidFrom).Description("Usable from (UTC).");
        Field(c => c.ValidUntil).Description("Usable until (UTC, exclusive).");
        Field(c => c.ReservedForOrderRef, nullable: true).Description("The order in payment it is reserved for.");
        Field(c => c.RedeemedAt, nullable: true).Description("When it was written off.");
        Field<StoreType>("redeemedStore").Description("The store that wrote it off.")
            .Resolve(ctx => ctx.Source.RedeemedStoreId is { } store ? ctx.StoreById().Load(store) : null);
        Field(c => c.RedeemedOrderRef, nullable: true).Description("The order it was used for.");
        Field<LongGraphType>("redeemedOrderAmountCents").Description("The order amount when written off, in cents.").Resolve(ctx => ctx.Source.RedeemedOrderAmountCents);
        Field<LongGraphType>("redeemedDiscountCents").Description("The amount it took off that order, in cents (0 for gifts).").Resolve(ctx => ctx.Source.RedeemedDiscountCents);
    }

    /// <summary>Staff and admins, and the member holding it (also on a token from before a merge).</summary>
    public static async Task<bool> SeesCodeAsync(IResolveFieldContext context, Coupon coupon) =>
        context.Caller().Role is Roles.Staff or Roles.Admin || (context.Caller().Is(Roles.Member) && await MemberSelf.IsSelfAsync(context, coupon.MemberId));

    private static string Masked(string code) => code.Length == CouponCode.Length ? $"{code[..4]}-****-****-{code[12..]}" : "****";
}

public sealed class CouponNodeResolver : INodeResolver
{
    public string TypeName => "Coupon";

    /// <summary>The member holding it, a guide of that member, store staff (who write coupons off) and admins.</summary>
    public async Task<object?> ResolveAsync(IResolveFieldContext context, long key)
    {
        var coupon = await context.CouponById().Load(key).GetResultAsync(context.CancellationToken);
        if (coupon is null)
        {
            return null;
        }

        var caller = context.Caller();
        var allowed = caller.Role switch
        {
            Roles.Admin or Roles.Staff => true,
            Roles.Member => await MemberSelf.IsSelfAsync(context, coupon.MemberId),
            Roles.Guide => await IsCustomerAsync(context, caller.GuideId, coupon.MemberId),
            _ => false,
        };
        return allowed ? coupon : throw GraphQLRequestError.NotAuthorized("see this coupon");
    }

    private static async Task<bool> IsCustomerAsync(IResolveFieldContext context, long? guideId, long memberId)
    {
        await using var db = await context.Service<IDbContextFactory<MemberGraphDb>>().CreateDbContextAsync(context.CancellationToken);
        return await db.GuideRelationships.AnyAsync(r => r.GuideId == guideId && r.MemberId == memberId && r.EndedAt == null, context.CancellationToken);
    }
}

/// <summary><c>Member.coupons</c>, added at the end of <see cref="MemberType"/>.</summary>
public static class MemberCouponsField
{
    public static void AddTo(MemberType member)
    {
        member.Field<NonNullGraphType<ConnectionType<CouponType>>>("coupons")
            .Description("The member's coupons, newest first. The member themselves, their guides, store staff and admins.")
            .Argument<CouponStatusType>("status", "Only coupons with this status (as the status field shows it).")
            .Authorize(Roles.Member, Roles.Guide, Roles.Staff, Roles.Admin)
            .ResolveAsync(async ctx =>
            {
                if (ctx.Caller().Is(Roles.Member) && !await MemberSelf.IsSelfAsync(ctx, ctx.Source.Id))
                {
                    throw GraphQLRequestError.NotAuthorized("see another member's coupons");
                }

                return ctx.CouponsByMember(ctx.GetArgument<CouponStatus?>("status"), PageRequest.From(ctx), ctx.WantsTotalCount()).Load(ctx.Source.Id);
            })
            .FieldType.WithPagingArguments();
    }
}

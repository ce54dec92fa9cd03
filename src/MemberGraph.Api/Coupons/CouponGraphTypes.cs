using GraphQL;
using GraphQL.Types;
using GraphQL.Types.Relay;
using MemberGraph.Auth;
using MemberGraph.Data;
using MemberGraph.Domain;
using MemberGraph.GraphQL;
using MemberGraph.GraphQL.Authorization;
using MemberGraph.GraphQL.DataLoaders;
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
        Field<MemberType>("member")
            .Description("The member holding it, for whoever may read that member with member(id:) (the member, their guides, staff of " +
                         "their store, admins) and for staff the member showed this coupon's code or their member code to in the same " +
                         "request; anyone else gets AUTH_NOT_AUTHORIZED.")
            .ResolveAsync(async ctx => await HolderAsync(ctx));
        Field<NonNullGraphType<CouponStatusType>>("status")
            .Description("The status now: a coupon past its window is EXPIRED even before the expiry step has run.")
            .Resolve(ctx => ctx.Source.StatusAt(ctx.Service<TimeProvider>().GetUtcNow().UtcDateTime));
        Field<BooleanGraphType>("usableHere")
            .Description("Store staff: whether their store's till can write it off now with redeemCoupon — the coupon's status and " +
                         "window, the template's stores and channels (POS) — before the order amount is known (the threshold, " +
                         "template.thresholdCents, is checked at the write-off). False for a coupon reserved for an order in payment. " +
                         "Staff only: the answer is about the store of their token.")
            .Authorize(Roles.Staff)
            .Resolve(ctx =>
            {
                var store = ctx.Caller().StoreId ?? throw GraphQLRequestError.NotAuthorized("ask about a store's till without a store");
                var now = ctx.Service<TimeProvider>().GetUtcNow().UtcDateTime;
                var coupon = ctx.Source;
                return ctx.CouponTemplateById().Load(coupon.TemplateId).Then(template => template is not null && CouponTill.IsUsableAt(coupon, template, store, now));
            });
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
        Field<NonNullGraphType<ConnectionType<CouponHistoryEntryType>>>("history")
            .Description("What happened to the coupon, oldest first: issued, reserved, released, written off, given back by a refund, expired. " +
                         "The fields above say what it is now (a full refund clears the write-off); the history keeps every step. " +
                         "For whoever may read the coupon.")
            .Resolve(ctx =>
            {
                var page = PageRequest.From(ctx);
                var count = ctx.WantsTotalCount() ? ctx.HistoryCountByCoupon().Load(ctx.Source.Id) : null;
                return ctx.HistoryByCoupon(page).Load(ctx.Source.Id).Then(async (rows, ct) =>
                    Connections.Build(rows, page, e => e.Id, count is null ? null : await count.GetResultAsync(ct)));
            })
            .FieldType.WithPagingArguments();
    }

    /// <summary>Staff and admins, and the member holding it (also on a token from before a merge).</summary>
    public static async Task<bool> SeesCodeAsync(IResolveFieldContext context, Coupon coupon) =>
        context.Caller().Role is Roles.Staff or Roles.Admin || (context.Caller().Is(Roles.Member) && await MemberSelf.IsSelfAsync(context, coupon.MemberId));

    /// <summary>
    /// The holder, with exactly the rules of member(id:), except that a code shown at the till names its holder to the
    /// store (<see cref="ShownAtTill"/>): staff may open a coupon they cannot name the holder of (written off at their
    /// store, or of a recent buyer), and must not learn the member from it.
    /// </summary>
    private static async Task<object?> HolderAsync(IResolveFieldContext<Coupon> ctx)
    {
        var memberId = ctx.Source.MemberId;
        var caller = ctx.Caller();
        if (caller.Is(Roles.Admin) || MemberSelf.IsSelf(ctx, memberId) || (caller.Is(Roles.Staff) && ShownAtTill.Contains(ctx, memberId)))
        {
            return ctx.MemberById().Load(memberId);
        }

        if (caller.Is(Roles.Member))
        {
            return await MemberSelf.IsSelfAsync(ctx, memberId) ? ctx.MemberById().Load(memberId) : throw NotTheirs();
        }

        return ctx.MemberReadableByCaller().Load(memberId)
            .Then((readable, ct) => readable ? ctx.MemberById().Load(memberId).GetResultAsync(ct) : throw NotTheirs());
    }

    private static GraphQLRequestError NotTheirs() => GraphQLRequestError.NotAuthorized("see who holds this coupon");

    private static string Masked(string code) => code.Length == CouponCode.Length ? $"{code[..4]}-****-****-{code[12..]}" : "****";
}

/// <summary>
/// <c>node(id:)</c> for coupons: the member holding it, a guide of that member, staff as <see cref="CouponAccess"/> says,
/// and admins. Everyone but an admin gets AUTH_NOT_AUTHORIZED for an unknown id too, so ids cannot be probed.
/// </summary>
public sealed class CouponNodeResolver(CouponAccess access) : INodeResolver
{
    public string TypeName => "Coupon";

    public async Task<object?> ResolveAsync(IResolveFieldContext context, long key)
    {
        var coupon = await context.CouponById().Load(key).GetResultAsync(context.CancellationToken);
        var caller = context.Caller();
        if (caller.Is(Roles.Admin))
        {
            return coupon;
        }

        return coupon is not null && await MaySeeAsync(context, caller, coupon) ? coupon : throw GraphQLRequestError.NotAuthorized("see this coupon");
    }

    private async Task<bool> MaySeeAsync(IResolveFieldContext context, Caller caller, Coupon coupon)
    {
        if (caller.Is(Roles.Member))
        {
            return await MemberSelf.IsSelfAsync(context, coupon.MemberId);
        }

        if (caller.Role is not (Roles.Guide or Roles.Staff))
        {
            return false;
        }

        var ct = context.CancellationToken;
        await using var db = await context.Service<IDbContextFactory<MemberGraphDb>>().CreateDbContextAsync(ct);
        return caller.Is(Roles.Staff)
            ? await access.StaffMayOpenAsync(db, caller, coupon, ct)
            : await db.Members.Where(m => m.Id == coupon.MemberId).VisibleTo(db, caller).AnyAsync(ct); // a guide: their customer's
    }
}

using GraphQL;
using GraphQL.Types;
using MemberGraph.Auth;
using MemberGraph.Data;
using MemberGraph.Domain;
using MemberGraph.GraphQL;
using MemberGraph.GraphQL.DataLoaders;
using MemberGraph.GraphQL.Relay;
using MemberGraph.Members;
using MemberGraph.Stores;
using Microsoft.EntityFrameworkCore;

namespace MemberGraph.Coupons;

public sealed class CouponTemplateType : ObjectGraphType<CouponTemplate>
{
    public CouponTemplateType()
    {
        Name = "CouponTemplate";
        Description = "A kind of coupon the brand issues: its value, threshold, validity, stock, limits and where it can be used.";

        // Every field declares the columns it reads (Reads): Coupon.template reads only those of its selection.
        Interface<NodeInterface>();
        Field<NonNullGraphType<IdGraphType>>("id").Description("Global, opaque id.").Resolve(ctx => GlobalId.Encode("CouponTemplate", ctx.Source.Id)).Reads(nameof(CouponTemplate.Id));
        Field(t => t.Name).Description("Name shown to members, e.g. 满100减15.").Reads(nameof(CouponTemplate.Name));
        Field(t => t.Description, nullable: true).Description("Longer text for the coupon's detail page.").Reads(nameof(CouponTemplate.Description));
        Field<NonNullGraphType<CouponKindType>>("kind").Description("The scene the coupon is for.").Resolve(ctx => ctx.Source.Kind).Reads(nameof(CouponTemplate.Kind));
        Field<NonNullGraphType<CouponValueType>>("value").Description("What the coupon gives.").Resolve(ctx => ctx.Source)
            .Reads(nameof(CouponTemplate.ValueKind), nameof(CouponTemplate.AmountOffCents), nameof(CouponTemplate.DiscountRate), nameof(CouponTemplate.GiftSku), nameof(CouponTemplate.GiftDescription));
        Field<NonNullGraphType<LongGraphType>>("thresholdCents").Description("Minimum order amount in cents (0: no threshold).").Resolve(ctx => ctx.Source.ThresholdCents).Reads(nameof(CouponTemplate.ThresholdCents));
        Field<NonNullGraphType<CouponValidityType>>("validity").Description("When issued coupons are valid.").Resolve(ctx => ctx.Source)
            .Reads(nameof(CouponTemplate.ValidFrom), nameof(CouponTemplate.ValidUntil), nameof(CouponTemplate.ValidDaysAfterIssue));
        Field(t => t.TotalStock).Description("How many coupons can be issued in all.").Reads(nameof(CouponTemplate.TotalStock));
        Field(t => t.Issued).Description("How many have been issued.").Reads(nameof(CouponTemplate.Issued));
        Field(t => t.Remaining).Description("How many can still be issued.").Reads(nameof(CouponTemplate.TotalStock), nameof(CouponTemplate.Issued));
        Field(t => t.PerMemberLimit).Description("How many one member can hold (by member id, after merges), whatever their status.").Reads(nameof(CouponTemplate.PerMemberLimit));
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<StoreType>>>>("usableStores")
            .Description("Stores where coupons can be used; empty means every store.")
            .Resolve(ctx => ctx.StoreById().LoadMany(ctx.Source.UsableStoreIds))
            .Reads(nameof(CouponTemplate.UsableStoreIds));
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<CouponChannelType>>>>("usableChannels")
            .Description("Channels where coupons can be used; empty means every channel.")
            .Resolve(ctx => ctx.Source.UsableChannels)
            .Reads(nameof(CouponTemplate.UsableChannels));
        Field(t => t.Claimable).Description("Members can claim it for free (claimCoupon).").Reads(nameof(CouponTemplate.Claimable));
        Field<LongGraphType>("pointsPrice").Description("Points to exchange for one coupon (exchangePointsForCoupon); null when it can't be exchanged.").Resolve(ctx => ctx.Source.PointsPrice).Reads(nameof(CouponTemplate.PointsPrice));
        Field<IdGraphType>("partnerId").Description("The partner mall of a PARTNER benefit.").Resolve(ctx => ctx.Source.PartnerId is { } p ? GlobalId.Encode("Partner", p) : null)
            .Reads(nameof(CouponTemplate.PartnerId));
        Field<NonNullGraphType<CouponTemplateStatusType>>("status").Description("ACTIVE or RETIRED.").Resolve(ctx => ctx.Source.Status).Reads(nameof(CouponTemplate.Status));
        Field(t => t.CreatedAt).Description("When it was defined.").Reads(nameof(CouponTemplate.CreatedAt));
    }
}

public sealed class CouponValueType : ObjectGraphType<CouponTemplate>
{
    public CouponValueType()
    {
        Name = "CouponValue";
        Description = "What a coupon gives: exactly one of amountOffCents, discountRate or the gift fields is set, as kind says.";
        Field<NonNullGraphType<CouponValueKindType>>("kind").Description("AMOUNT_OFF, DISCOUNT or GIFT.").Resolve(ctx => ctx.Source.ValueKind);
        Field<LongGraphType>("amountOffCents").Description("Cents taken off the order (AMOUNT_OFF).").Resolve(ctx => ctx.Source.AmountOffCents);
        Field<IntGraphType>("discountRate").Description("Percentage of the price paid (DISCOUNT): 85 means 15% off.").Resolve(ctx => ctx.Source.DiscountRate);
        Field<StringGraphType>("giftSku").Description("The SKU given away (GIFT).").Resolve(ctx => ctx.Source.GiftSku);
        Field<StringGraphType>("giftDescription").Description("The gift in words (GIFT).").Resolve(ctx => ctx.Source.GiftDescription);
    }
}

public sealed class CouponValidityType : ObjectGraphType<CouponTemplate>
{
    public CouponValidityType()
    {
        Name = "CouponValidity";
        Description = "Either a fixed window (from, until) or daysAfterIssue.";
        Field<DateTimeGraphType>("from").Description("Start of the fixed window (UTC).").Resolve(ctx => ctx.Source.ValidFrom);
        Field<DateTimeGraphType>("until").Description("End of the fixed window (UTC); no coupons are issued after it.").Resolve(ctx => ctx.Source.ValidUntil);
        Field<IntGraphType>("daysAfterIssue").Description("Coupons are valid this many days from the moment they are issued.").Resolve(ctx => ctx.Source.ValidDaysAfterIssue);
    }
}

/// <summary>
/// <c>node(id:)</c> for templates, with the rules of <c>couponTemplates</c> (<see cref="CouponTemplateVisibility"/>), and a
/// member may also refetch the template of a coupon they hold. Everyone but an admin gets AUTH_NOT_AUTHORIZED for an
/// unknown id as for a hidden one, so retired or not yet published templates cannot be read or probed by id.
/// </summary>
public sealed class CouponTemplateNodeResolver(IDbContextFactory<MemberGraphDb> factory, TimeProvider clock) : INodeResolver
{
    public string TypeName => "CouponTemplate";

    public async Task<object?> ResolveAsync(IResolveFieldContext context, long key)
    {
        var caller = context.Caller();
        if (caller.Is(Roles.Admin))
        {
            return await context.CouponTemplateById().Load(key).GetResultAsync(context.CancellationToken);
        }

        var holder = (await MemberSelf.CurrentMemberAsync(context))?.Id;
        var ct = context.CancellationToken;
        await using var db = await factory.CreateDbContextAsync(ct);
        var template = await db.CouponTemplates.AsNoTracking().Where(t => t.Id == key).VisibleTo(caller, clock.GetUtcNow().UtcDateTime).FirstOrDefaultAsync(ct);
        if (template is null && holder is { } member && await db.Coupons.AnyAsync(c => c.TemplateId == key && c.MemberId == member, ct))
        {
            template = await db.CouponTemplates.AsNoTracking().FirstOrDefaultAsync(t => t.Id == key, ct);
        }

        return template ?? throw GraphQLRequestError.NotAuthorized("see this coupon template");
    }
}

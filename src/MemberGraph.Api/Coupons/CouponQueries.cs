using GraphQL;
using GraphQL.Types;
using GraphQL.Types.Relay;
using MemberGraph.Auth;
using MemberGraph.Data;
using MemberGraph.GraphQL;
using MemberGraph.GraphQL.Authorization;
using MemberGraph.GraphQL.Relay;
using MemberGraph.Members;
using Microsoft.EntityFrameworkCore;

namespace MemberGraph.Coupons;

public sealed class CouponQueries : IQueryFields
{
    public void AddTo(QueryType query)
    {
        query.Field<NonNullGraphType<ConnectionType<CouponTemplateType>>>("couponTemplates")
            .Description("Coupon templates, newest first. Members see what they can get now (active, open, in stock, claimable or exchangeable); guides and staff every active template; admins all.")
            .Argument<CouponKindType>("kind", "Only templates of this kind.")
            .Authorize(Roles.Member, Roles.Guide, Roles.Staff, Roles.Admin)
            .ResolveAsync(async ctx =>
            {
                var page = PageRequest.From(ctx);
                var (rows, total) = await ctx.Service<CouponTemplateService>().ListAsync(
                    ctx.Caller(), ctx.GetArgument<CouponKind?>("kind"), page.After, page.First + 1, ctx.WantsTotalCount(), ctx.CancellationToken);
                return Connections.Build(rows, page, t => t.Id, total);
            })
            .FieldType.WithPagingArguments();

        query.Field<NonNullGraphType<CouponRecommendationsType>>("recommendedCoupons")
            .Description("Scene-aware coupons to claim: rain, snow or late evening favour DELIVERY/O2O within the nearest store's delivery radius; fine weather favours IN_STORE at the nearest stores. Each says why.")
            .Argument<NonNullGraphType<RecommendationContextInputType>>("context", "Where the member is, the weather and the time.")
            .Authorize(Roles.Member)
            .ResolveAsync(async ctx =>
            {
                var input = ctx.GetArgument<RecommendationContextInput>("context");
                var location = input.Location;
                if (!location.IsValid)
                {
                    throw GraphQLRequestError.BadInput("location must have a latitude of -90 to 90 and a longitude of -180 to 180.");
                }

                var memberId = ctx.Caller().MemberId ?? throw GraphQLRequestError.NotAuthorized("get recommendations without a member id in the token");
                return await ctx.Service<CouponRecommender>().RecommendAsync(memberId, new RecommendationContext(location, input.Weather, input.At), ctx.CancellationToken);
            });

        query.Field<CouponType>("couponByCode")
            .Description("The coupon a member shows at the till, by its code (store staff and admins); null when there is none. Showing it lets the store see its holder (Coupon.member).")
            .Argument<NonNullGraphType<StringGraphType>>("code", "The code as typed or scanned (dashes, spaces and case don't matter).")
            .Authorize(Roles.Staff, Roles.Admin)
            .ResolveAsync(async ctx =>
            {
                var code = CouponCode.Normalize(ctx.GetArgument<string>("code"));
                if (code is null)
                {
                    return null;
                }

                await using var db = await ctx.Service<IDbContextFactory<MemberGraphDb>>().CreateDbContextAsync(ctx.CancellationToken);
                var coupon = await db.Coupons.AsNoTracking().FirstOrDefaultAsync(c => c.Code == code, ctx.CancellationToken);
                if (coupon is not null)
                {
                    ShownAtTill.Record(ctx, coupon.MemberId);
                }

                return coupon;
            });
    }
}

using GraphQL;
using GraphQL.Types;
using GraphQL.Types.Relay;
using MemberGraph.Auth;
using MemberGraph.GraphQL;
using MemberGraph.GraphQL.Authorization;
using MemberGraph.GraphQL.Lists;
using MemberGraph.GraphQL.Relay;
using MemberGraph.Members;

namespace MemberGraph.Coupons;

/// <summary><c>Member.coupons</c>: newest first unless sorted, keyset-paged, batched across all members of the level.</summary>
public sealed class CouponMemberFields : IMemberFields
{
    public void AddTo(MemberType member)
    {
        member.Field<ConnectionType<CouponType>>("coupons")
            .Description("The member's coupons, newest first unless `order` says otherwise. The member themselves, their guides, store staff " +
                         "and admins. Null only where refused (a store colleague's customer, for a guide).")
            .Argument<CouponStatusType>("status", "Only coupons with this status (as the status field shows it): the same as " +
                                                  "where: { status: { eq: ... } }, kept for the clients that use it; giving both is BAD_USER_INPUT.")
            .Argument<CouponFilterInputType>("where", "Conditions on the coupons (status, source, when issued, when the window closes).")
            .Argument<ListGraphType<NonNullGraphType<CouponSortInputType>>>("order",
                $"Sort by these keys in turn (at most {SortCatalog<Coupon>.MaxTerms}); ties, and no order, go newest coupon first.")
            .Authorize(Roles.Member, Roles.Guide, Roles.Staff, Roles.Admin)
            .ResolveAsync(async ctx =>
            {
                if (ctx.Caller().Is(Roles.Member) && !await MemberSelf.IsSelfAsync(ctx, ctx.Source.Id))
                {
                    throw GraphQLRequestError.NotAuthorized("see another member's coupons");
                }

                var filter = ctx.GetArgument<CouponFilter?>("where") ?? new CouponFilter();
                if (ctx.GetArgument<CouponStatus?>("status") is { } status)
                {
                    filter.Status = filter.Status is null
                        ? new ChoiceFilter<CouponStatus> { Eq = status }
                        : throw GraphQLRequestError.BadInput("Give the status either as 'status' or in 'where', not both.");
                }

                return ctx.CouponsByMember(filter, ListPage<Coupon>.From(ctx, CouponList.Sorts)).Load(ctx.Source.Id);
            })
            .FieldType.WithPagingArguments();
    }
}

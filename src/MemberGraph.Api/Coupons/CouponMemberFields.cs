using GraphQL;
using GraphQL.Types.Relay;
using MemberGraph.Auth;
using MemberGraph.GraphQL;
using MemberGraph.GraphQL.Authorization;
using MemberGraph.GraphQL.DataLoaders;
using MemberGraph.GraphQL.Relay;
using MemberGraph.Members;

namespace MemberGraph.Coupons;

/// <summary><c>Member.coupons</c>: newest first, keyset-paged, batched across all members of the level.</summary>
public sealed class CouponMemberFields : IMemberFields
{
    public void AddTo(MemberType member)
    {
        member.Field<ConnectionType<CouponType>>("coupons")
            .Description("The member's coupons, newest first. The member themselves, their guides, store staff and admins. " +
                         "Null only where refused (a store colleague's customer, for a guide).")
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

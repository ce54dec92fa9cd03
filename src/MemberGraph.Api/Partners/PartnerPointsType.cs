using GraphQL.Types;
using MemberGraph.Auth;
using MemberGraph.GraphQL.Authorization;
using MemberGraph.Points;

namespace MemberGraph.Partners;

/// <summary>
/// A member's points as a partner exchanging them sees them: the available balance only. Pending points (earned on the
/// brand's orders still inside their return window) cannot be exchanged and would tell the partner about the member's
/// recent purchases at the brand, so they are left out, as are the ledger and expiries.
/// </summary>
public sealed class PartnerPointsType : ObjectGraphType<PointsAccount>
{
    public PartnerPointsType()
    {
        Name = "PartnerPoints";
        Description = "A member's brand points, for exchanging with this partner: read on PartnerMember.points (scope points:exchange).";
        this.ReadableBy(Roles.Partner);
        Field<NonNullGraphType<LongGraphType>>("balance").Description("Points available to spend now (never negative).")
            .Resolve(ctx => ctx.Source.Balance);
    }
}

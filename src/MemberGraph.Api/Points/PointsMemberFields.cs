using GraphQL.Types;
using MemberGraph.Members;

namespace MemberGraph.Points;

/// <summary><c>Member.points</c>.</summary>
public sealed class PointsMemberFields : IMemberFields
{
    public void AddTo(MemberType member) =>
        member.Field<MemberPointsType>("points")
            .Description("The member's points: balance, pending, expiring soon, ledger. " +
                         "Null only where refused (a store colleague's customer, for a guide).")
            .Resolve(ctx => new MemberPoints(ctx.Source.Id));
}

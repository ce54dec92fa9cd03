using GraphQL.Types;
using MemberGraph.Members;

namespace MemberGraph.Points;

/// <summary><c>Member.points</c>.</summary>
public sealed class PointsMemberFields : IMemberFields
{
    public void AddTo(MemberType member) =>
        member.Field<NonNullGraphType<MemberPointsType>>("points")
            .Description("The member's points: balance, pending, expiring soon, ledger.")
            .Resolve(ctx => new MemberPoints(ctx.Source.Id));
}

using GraphQL.Types;
using MemberGraph.Members;

namespace MemberGraph.Tiers;

public sealed class TierType : ObjectGraphType<TierView>
{
    public TierType(TierLadder ladder)
    {
        Name = "Tier";
        Description = "A member's level. Growth is the paid amount (net of refunds, in cents) of the rolling window across all channels; orders raise the level at once, the periodic recompute may lower it.";
        Field(t => t.Level).Description("0 for the base level, rising with each level.");
        Field<NonNullGraphType<StringGraphType>>("name").Description("The level's name (普通, 银卡, 金卡, 黑金, ...).").Resolve(ctx => ladder.NameOf(ctx.Source.Level));
        Field<NonNullGraphType<LongGraphType>>("growth").Description("Growth now, in cents.").Resolve(ctx => ctx.Source.Growth);
        Field<LongGraphType>("nextLevelGrowth").Description("The growth that reaches the next level; null at the top.").Resolve(ctx => ladder.NextThreshold(ctx.Source.Level));
        Field<StringGraphType>("nextLevelName").Description("The next level's name; null at the top.")
            .Resolve(ctx => ladder.NextThreshold(ctx.Source.Level) is null ? null : ladder.NameOf(ctx.Source.Level + 1));
        Field(t => t.Since, nullable: true).Description("Since when the member holds this level; null for members who never ordered.");
    }
}

/// <summary><c>Member.tier</c>.</summary>
public sealed class TierMemberFields : IMemberFields
{
    public void AddTo(MemberType member) =>
        member.Field<NonNullGraphType<TierType>>("tier")
            .Description("The member's tier (level, growth, next threshold).")
            .Resolve(ctx => ctx.TierByMember().Load(ctx.Source.Id));
}

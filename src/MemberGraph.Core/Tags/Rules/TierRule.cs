using MemberGraph.Tiers;

namespace MemberGraph.Tags.Rules;

/// <summary>Members at a tier level, named by number, key (GOLD) or name (金卡). Members without a tier row are at level 0.</summary>
public sealed class TierRule(TierLadder ladder) : SqlTagRule
{
    public override TagRuleKind Kind => TagRuleKind.Tier;

    public override IQueryable<TagMatch> Query(RuleContext context, TagRule rule)
    {
        var tiers = context.Db.MemberTiers;
        IQueryable<Members.Member> members = ladder.Find(rule.Level ?? "") switch
        {
            null => context.Members.Where(_ => false),
            0 => context.Members.Where(m => !tiers.Any(t => t.MemberId == m.Id && t.Level > 0)),
            { } level => context.Members.Where(m => tiers.Any(t => t.MemberId == m.Id && t.Level == level)),
        };
        return members.Select(m => new TagMatch { MemberId = m.Id });
    }
}

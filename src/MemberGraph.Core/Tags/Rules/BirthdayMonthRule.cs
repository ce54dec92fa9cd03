using MemberGraph.Jobs;

namespace MemberGraph.Tags.Rules;

/// <summary>Members whose birthday falls in the current month, China time (a run at 2026-01-31 20:00 UTC is already February).</summary>
public sealed class BirthdayMonthRule : SqlTagRule
{
    public override TagRuleKind Kind => TagRuleKind.BirthdayMonth;

    public override IQueryable<TagMatch> Query(RuleContext context, TagRule rule)
    {
        var month = ChinaTime.ToChina(context.Now).Month;
        return context.Members.Where(m => m.Birthday != null && m.Birthday.Value.Month == month).Select(m => new TagMatch { MemberId = m.Id });
    }
}

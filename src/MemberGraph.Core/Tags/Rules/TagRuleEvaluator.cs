using Microsoft.EntityFrameworkCore;

namespace MemberGraph.Tags.Rules;

/// <summary>Evaluates one kind of tag rule for a batch of members: the set of members that match, computed in the database.</summary>
public interface ITagRuleEvaluator
{
    TagRuleKind Kind { get; }

    Task<List<TagMatch>> MatchAsync(RuleContext context, TagRule rule, CancellationToken cancellationToken);
}

/// <summary>An evaluator that is one LINQ query (translated to SQL on SQLite and SQL Server alike).</summary>
public abstract class SqlTagRule : ITagRuleEvaluator
{
    public abstract TagRuleKind Kind { get; }

    public abstract IQueryable<TagMatch> Query(RuleContext context, TagRule rule);

    public Task<List<TagMatch>> MatchAsync(RuleContext context, TagRule rule, CancellationToken cancellationToken) =>
        Query(context, rule).AsNoTracking().ToListAsync(cancellationToken);
}

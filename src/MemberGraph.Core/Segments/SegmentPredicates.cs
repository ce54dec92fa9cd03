using System.Linq.Expressions;
using MemberGraph.Data;
using MemberGraph.Guides;
using MemberGraph.Members;

namespace MemberGraph.Segments;

/// <summary>
/// Translates a segment expression into ONE predicate over members that EF Core turns into SQL (both providers):
/// a tag is an EXISTS on the member's assignments (index (TagId, MemberId)); <c>tier</c> the member's tier row;
/// <c>store</c> the store of the member's exclusive guide or, failing that, the most-visited-store tag's value;
/// <c>city</c> the same two stores' city; <c>gender</c> and <c>registered</c> the member's own columns.
/// </summary>
public sealed class SegmentPredicates(MemberGraphDb db, SegmentLookups lookups)
{
    public Expression<Func<Member, bool>> Build(SegmentExpression expression)
    {
        var member = Expression.Parameter(typeof(Member), "m");
        return Expression.Lambda<Func<Member, bool>>(Body(expression, member), member);
    }

    private Expression Body(SegmentExpression expression, ParameterExpression member) => expression switch
    {
        HasTag tag => Inline(HasTag(lookups.TagIds[tag.Key]), member),
        AttributeIs { Negated: true } attribute => Expression.Not(Inline(Attribute(attribute), member)),
        AttributeIs attribute => Inline(Attribute(attribute), member),
        Not not => Expression.Not(Body(not.Operand, member)),
        And and => Expression.AndAlso(Body(and.Left, member), Body(and.Right, member)),
        Or or => Expression.OrElse(Body(or.Left, member), Body(or.Right, member)),
        _ => throw new ArgumentOutOfRangeException(nameof(expression), expression, "Unknown segment expression."),
    };

    private Expression<Func<Member, bool>> HasTag(long tagId) => m => db.MemberTags.Any(a => a.MemberId == m.Id && a.TagId == tagId);

    private Expression<Func<Member, bool>> Attribute(AttributeIs attribute) => attribute.Attribute switch
    {
        "tier" => Tier(lookups.TierLevel(attribute.Value)!.Value),
        "store" => Stores([lookups.Stores[attribute.Value]]),
        "city" => Stores(lookups.Cities[attribute.Value]),
        "gender" => Gender(ParseGender(attribute.Value)!.Value),
        "registered" => ParseBoolean(attribute.Value)!.Value ? m => m.RegisteredAt != null : m => m.RegisteredAt == null,
        _ => throw new ArgumentOutOfRangeException(nameof(attribute), attribute.Attribute, "Unknown attribute."),
    };

    private Expression<Func<Member, bool>> Tier(int level) => level == 0
        ? m => !db.MemberTiers.Any(t => t.MemberId == m.Id && t.Level > 0)
        : m => db.MemberTiers.Any(t => t.MemberId == m.Id && t.Level == level);

    private static Expression<Func<Member, bool>> Gender(Gender gender) => m => m.Gender == gender;

    private Expression<Func<Member, bool>> Stores(IReadOnlyList<(long Id, string Code)> stores)
    {
        var storeIds = stores.Select(s => s.Id).ToList();
        var codes = stores.Select(s => s.Code).ToList();
        var preferenceTags = lookups.StorePreferenceTagIds.ToList();
        return m => db.GuideRelationships.Any(r => r.MemberId == m.Id && r.Kind == GuideRelationshipKind.Exclusive && r.EndedAt == null
                                                   && db.Guides.Any(g => g.Id == r.GuideId && storeIds.Contains(g.StoreId)))
                    || db.MemberTags.Any(a => a.MemberId == m.Id && preferenceTags.Contains(a.TagId) && codes.Contains(a.Value!));
    }

    /// <summary>The body of <paramref name="predicate"/> with its parameter replaced by <paramref name="member"/>.</summary>
    private static Expression Inline(Expression<Func<Member, bool>> predicate, ParameterExpression member) =>
        new Replace(predicate.Parameters[0], member).Visit(predicate.Body);

    public static Gender? ParseGender(string text) =>
        Enum.TryParse<Gender>(text, ignoreCase: true, out var gender) && Enum.IsDefined(gender) ? gender : null;

    public static bool? ParseBoolean(string text) => text.ToLowerInvariant() switch
    {
        "true" or "yes" or "1" => true,
        "false" or "no" or "0" => false,
        _ => null,
    };

    private sealed class Replace(ParameterExpression from, ParameterExpression to) : ExpressionVisitor
    {
        protected override Expression VisitParameter(ParameterExpression node) => node == from ? to : base.VisitParameter(node);
    }
}

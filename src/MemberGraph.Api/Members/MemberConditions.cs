using System.Linq.Expressions;
using GraphQL.Types;
using MemberGraph.Data;
using MemberGraph.Domain;
using MemberGraph.GraphQL;
using MemberGraph.GraphQL.Lists;
using MemberGraph.Jobs;
using Microsoft.EntityFrameworkCore;

namespace MemberGraph.Members;

/// <summary>
/// Conditions on the member behind a list row, the same in <c>members(where:)</c> and <c>Guide.customers(where:)</c>: a
/// tag, the tier level, the last purchase, spend, a birthday this month. Every given one must hold; each becomes a
/// subquery of the list's statement (<see cref="MemberFacts"/>).
/// </summary>
public class MemberConditions
{
    public string? HasTag { get; set; }
    public RangeFilter<int>? Tier { get; set; }
    public RangeFilter<DateTime>? LastPurchaseAt { get; set; }
    public RangeFilter<long>? SpendCents { get; set; }
    public bool? BirthdayThisMonth { get; set; }

    /// <summary>The rows whose member meets the conditions; <paramref name="now"/> says which month "this month" is (China time).</summary>
    public IQueryable<TRow> ApplyTo<TRow>(IQueryable<TRow> rows, Expression<Func<TRow, long>> memberId, MemberGraphDb db, DateTime now)
    {
        if (TagKey() is { } tagId)
        {
            rows = rows.Where(MemberFacts.HasTag(tagId).Of(db, memberId));
        }

        rows = rows
            .Where("tier", MemberFacts.TierLevel.Of(db, memberId), Tier)
            .Where("lastPurchaseAt", MemberFacts.LastPurchaseAt.Of(db, memberId), LastPurchaseAt)
            .Where("spendCents", MemberFacts.SpendCents.Of(db, memberId), SpendCents);
        if (BirthdayThisMonth is { } thisMonth)
        {
            var born = MemberFacts.BornIn(ChinaTime.ToChina(now).Month).Of(db, memberId);
            rows = rows.Where(thisMonth ? born : Expression.Lambda<Func<TRow, bool>>(Expression.Not(born.Body), born.Parameters));
        }

        return rows;
    }

    /// <summary>The tag asked for, decoded; BAD_USER_INPUT when <c>hasTag</c> is not a tag id.</summary>
    public long? TagKey() => HasTag is null
        ? null
        : GlobalId.TryDecode(HasTag, "Tag") ?? throw GraphQLRequestError.BadInput($"'hasTag' is not a tag id: '{HasTag}'.");

    /// <summary>
    /// After an empty first page: BAD_USER_INPUT when <c>hasTag</c> names no active tag. A page with rows proves the tag (the
    /// condition requires it active), so only an empty one costs this second, small statement.
    /// </summary>
    public async Task CheckTagAsync(MemberGraphDb db, CancellationToken cancellationToken)
    {
        if (TagKey() is { } tagId && !await db.TagDefinitions.AnyAsync(t => t.Id == tagId && t.Active, cancellationToken))
        {
            throw GraphQLRequestError.BadInput($"'hasTag' names no active tag: '{HasTag}'.");
        }
    }

    /// <summary>The fields of these conditions on a list's filter input.</summary>
    public static void AddFields<TFilter>(InputObjectGraphType<TFilter> type)
    {
        type.Field<IdGraphType>("hasTag").Description("Carries this tag (a TagDefinition id, global or plain key); an unknown or inactive tag is BAD_USER_INPUT.");
        type.Field<IntFilterInputType>("tier").Description("The tier level (0 for a member without a tier yet).");
        type.Field<DateTimeFilterInputType>("lastPurchaseAt")
            .Description("When they last bought (an order not refunded in full, any channel); a member who never bought meets no condition.");
        type.Field<LongFilterInputType>("spendCents").Description("What they spent, in cents: paid minus refunded, every channel, all time (0 without orders).");
        type.Field<BooleanGraphType>("birthdayThisMonth")
            .Description("Born in this calendar month, China time (true); or not, including an unknown birthday (false).");
    }
}

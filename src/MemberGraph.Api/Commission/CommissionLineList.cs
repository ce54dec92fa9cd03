using GraphQL.Types;
using MemberGraph.Data;
using MemberGraph.GraphQL.Lists;
using Microsoft.EntityFrameworkCore;

namespace MemberGraph.Commission;

/// <summary>The <c>where</c> of <c>Guide.commissionLines</c>.</summary>
public sealed class CommissionLineFilter
{
    public RangeFilter<DateTime>? EarnedAt { get; set; }
    public ChoiceFilter<CommissionStatus>? Status { get; set; }
}

/// <summary>The rows and sort keys of <c>Guide.commissionLines</c>: a guide's lines by date and amount.</summary>
internal static class CommissionLineList
{
    public static readonly SortCatalog<CommissionLine> Sorts = new(l => l.Id, SortDirection.Desc,
        SortKey<CommissionLine>.By("earnedAt", l => l.EarnedAt, "When the commission was earned (the order was recorded)."),
        SortKey<CommissionLine>.By("amountCents", l => l.AmountCents, "What the line earned."));

    public static IQueryable<CommissionLine> Filtered(MemberGraphDb db, long guideId, CommissionLineFilter filter) =>
        db.CommissionLines.AsNoTracking().Where(l => l.GuideId == guideId)
            .Where("earnedAt", l => l.EarnedAt, filter.EarnedAt)
            .Where("status", l => l.Status, filter.Status);
}

public sealed class CommissionLineFilterInputType : InputObjectGraphType<CommissionLineFilter>
{
    public CommissionLineFilterInputType()
    {
        Name = "CommissionLineFilter";
        Description = "Conditions on Guide.commissionLines; every given one must hold.";
        Field<DateTimeFilterInputType>("earnedAt").Description("When the commission was earned: a day or a month is { gte: start, lt: end }.");
        Field<CommissionStatusFilterInputType>("status").Description("Pending, settled or clawed back.");
    }
}

public sealed class CommissionStatusFilterInputType() : ChoiceFilterInputType<CommissionStatus, CommissionStatusType>("CommissionStatusFilter", "a commission line's status");

public sealed class CommissionLineSortInputType() : SortInputType<CommissionLine>("CommissionLineSort", "Guide.commissionLines", CommissionLineList.Sorts);

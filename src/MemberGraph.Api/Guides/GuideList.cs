using GraphQL.Types;
using MemberGraph.Data;
using MemberGraph.GraphQL.Lists;
using Microsoft.EntityFrameworkCore;

namespace MemberGraph.Guides;

/// <summary>The <c>where</c> of <c>guides(...)</c>.</summary>
public sealed class GuideFilter
{
    public ChoiceFilter<GuideStatus>? Status { get; set; }
    public string? NameContains { get; set; }
}

/// <summary>The rows and sort keys of <c>guides(...)</c> (the store scoping is the resolver's).</summary>
internal static class GuideList
{
    public static readonly SortCatalog<Guide> Sorts = new(g => g.Id, SortDirection.Asc,
        SortKey<Guide>.By("name", g => g.Name, "The guide's name (in the database's text order, by code point on SQLite)."));

    public static IQueryable<Guide> Filtered(MemberGraphDb db, long? storeId, GuideFilter filter)
    {
        var guides = db.Guides.AsNoTracking().Where(g => storeId == null || g.StoreId == storeId).Where("status", g => g.Status, filter.Status);
        if (!string.IsNullOrWhiteSpace(filter.NameContains))
        {
            var text = filter.NameContains.Trim();
            guides = guides.Where(g => g.Name.Contains(text));
        }

        return guides;
    }
}

public sealed class GuideFilterInputType : InputObjectGraphType<GuideFilter>
{
    public GuideFilterInputType()
    {
        Name = "GuideFilter";
        Description = "Conditions on guides(...); every given one must hold.";
        Field<GuideStatusFilterInputType>("status").Description("Active or resigned.");
        Field<StringGraphType>("nameContains").Description("The name contains this text.");
    }
}

public sealed class GuideStatusFilterInputType() : ChoiceFilterInputType<GuideStatus, GuideStatusType>("GuideStatusFilter", "a guide's status");

public sealed class GuideSortInputType() : SortInputType<Guide>("GuideSort", "guides", GuideList.Sorts);

using System.ComponentModel;
using GraphQL.Types;

namespace MemberGraph.GraphQL.Lists;

/// <summary>Which way a list runs by one sort key.</summary>
public enum SortDirection
{
    [Description("Smallest first: oldest, lowest, earliest.")]
    Asc = 0,

    [Description("Largest first: newest, highest, latest.")]
    Desc = 1,
}

public sealed class SortDirectionType : EnumerationGraphType<SortDirection>
{
    public SortDirectionType()
    {
        Name = "SortDirection";
        Description = "Which way a list runs by one key of its `order` argument.";
    }
}

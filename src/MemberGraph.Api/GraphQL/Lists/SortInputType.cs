using GraphQL.Types;

namespace MemberGraph.GraphQL.Lists;

/// <summary>
/// A list's sort input (<c>&lt;Thing&gt;Sort</c>): one field per key of its <see cref="SortCatalog{TRow}"/>, each a
/// <see cref="SortDirection"/>. Named "Sort" rather than "Order" because an Order is a purchase here.
/// </summary>
public abstract class SortInputType<TRow> : InputObjectGraphType
{
    protected SortInputType(string name, string list, SortCatalog<TRow> catalog)
    {
        Name = name;
        Description = $"One entry of the `order` of {list}: name exactly one key and its direction. Entries apply in turn; rows " +
                      "equal on every key keep the list's own order by id, so pages never repeat or skip a row.";
        foreach (var key in catalog.Keys)
        {
            Field<SortDirectionType>(key.Name).Description(key.Description);
        }
    }
}

namespace MemberGraph.GraphQL.Lists;

/// <summary>
/// Conditions on an ordered value — an instant, an amount in cents, a level — as a list's <c>where</c> takes them
/// (<c>lastPurchaseAt: { gte: "2026-01-01T00:00:00+08:00", lt: "2026-02-01T00:00:00+08:00" }</c>): every given one must hold.
/// A row without the value (a member who never bought) meets none of them.
/// </summary>
public sealed class RangeFilter<T> where T : struct
{
    public T? Eq { get; set; }
    public List<T>? In { get; set; }
    public T? Gt { get; set; }
    public T? Gte { get; set; }
    public T? Lt { get; set; }
    public T? Lte { get; set; }
}

/// <summary>Conditions on a value from a fixed set (a status, a channel): equal to one, or one of several.</summary>
public sealed class ChoiceFilter<T> where T : struct, Enum
{
    public T? Eq { get; set; }
    public List<T>? In { get; set; }
}

using GraphQL.Types;
using MemberGraph.GraphQL.Lists;

namespace MemberGraph.Members;

/// <summary>
/// The <c>where</c> of <c>members(...)</c>: the member row's own conditions (<see cref="MemberFilter"/>, in Core, where the
/// store scoping lives) and the <see cref="MemberConditions"/> every member list shares.
/// </summary>
public sealed class MemberListFilter : MemberConditions
{
    public string? Phone { get; set; }
    public bool? Registered { get; set; }
    public string? StoreId { get; set; }
    public string? NameContains { get; set; }
    public RangeFilter<DateTime>? RegisteredAt { get; set; }

    public MemberFilter Row => new() { Phone = Phone, Registered = Registered, StoreId = StoreId, NameContains = NameContains };
}

public sealed class MemberFilterInputType : InputObjectGraphType<MemberListFilter>
{
    public MemberFilterInputType()
    {
        Name = "MemberFilterInput";
        Description = "Conditions on members(...); all given conditions must hold.";
        Field<StringGraphType>("phone").Description("Exactly this phone number (as the member bound it, e.g. 13812341234).");
        Field<BooleanGraphType>("registered").Description("Registered with a phone number (true) or still a visitor (false).");
        Field<IdGraphType>("storeId").Description("Members of this store: an open relationship with one of its guides.");
        Field<StringGraphType>("nameContains").Description("Display name contains this text.");
        Field<DateTimeFilterInputType>("registeredAt").Description("When they registered with a phone number; visitors meet no condition.");
        MemberConditions.AddFields(this);
    }
}

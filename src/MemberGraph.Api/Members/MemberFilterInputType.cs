using GraphQL.Types;

namespace MemberGraph.Members;

public sealed class MemberFilterInputType : InputObjectGraphType<MemberFilter>
{
    public MemberFilterInputType()
    {
        Name = "MemberFilterInput";
        Description = "Conditions on members(...); all given conditions must hold.";
        Field(f => f.Phone, nullable: true).Description("Exactly this phone number (as the member bound it, e.g. 13812341234).");
        Field(f => f.Registered, nullable: true).Description("Registered with a phone number (true) or still a visitor (false).");
        Field<IdGraphType>("storeId").Description("Members of this store: an open relationship with one of its guides.");
        Field(f => f.NameContains, nullable: true).Description("Display name contains this text.");
    }
}

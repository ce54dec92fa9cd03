using GraphQL.Types;
using MemberGraph.Domain;
using MemberGraph.GraphQL;

namespace MemberGraph.Tiers;

public sealed class RecomputeTiersInput
{
    public string? MemberId { get; set; }
}

public sealed record RecomputeTiersPayload(int Changed, IReadOnlyList<UserError> Errors) : IPayload;

public sealed class RecomputeTiersInputType : InputObjectGraphType<RecomputeTiersInput>
{
    public RecomputeTiersInputType()
    {
        Name = "RecomputeTiersInput";
        Description = "Recomputes levels now (the scheduled job does the same).";
        Field<IdGraphType>("memberId").Description("Only this member; every member with a tier when omitted.");
    }
}

public sealed class RecomputeTiersPayloadType : PayloadGraphType<RecomputeTiersPayload>
{
    public RecomputeTiersPayloadType()
    {
        Name = "RecomputeTiersPayload";
        Description = "How many members changed level.";
        Field(p => p.Changed).Description("Members whose level changed (up or down).");
    }
}

using GraphQL.Types;
using MemberGraph.Members;

namespace MemberGraph.Guides;

/// <summary>The <c>where</c> of <c>Guide.customers</c>: which relationships, and <see cref="MemberConditions"/> on the customer.</summary>
public sealed class GuideCustomersFilter : MemberConditions
{
    public GuideRelationshipKind? Kind { get; set; }
    public RelationshipSource? Source { get; set; }
    public bool? IncludeEnded { get; set; }
}

public sealed class GuideCustomersFilterInputType : InputObjectGraphType<GuideCustomersFilter>
{
    public GuideCustomersFilterInputType()
    {
        Name = "GuideCustomersFilter";
        Description = "Conditions of Guide.customers: which relationships, and who the customer is. Every given one must hold.";
        Field<GuideRelationshipKindType>("kind").Description("Only exclusive customers, or only follows.");
        Field<RelationshipSourceType>("source").Description("Only customers who came this way.");
        Field<BooleanGraphType>("includeEnded").Description("Also list ended relationships (history). Default false.");
        MemberConditions.AddFields(this);
    }
}

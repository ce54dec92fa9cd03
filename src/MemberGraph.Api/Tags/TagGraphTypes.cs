using GraphQL.Types;
using MemberGraph.Domain;

namespace MemberGraph.Tags;

public sealed class TagKindType : EnumerationGraphType<TagKind>
{
    public TagKindType()
    {
        Name = "TagKind";
        Description = "MANUAL tags are set by guides; RULE tags are computed by the tagging job.";
    }
}

public sealed class TagRuleKindType : EnumerationGraphType<TagRuleKind>
{
    public TagRuleKindType()
    {
        Name = "TagRuleKind";
        Description = "The built-in kinds of tag rules.";
    }
}

public sealed class LifecycleStageType : EnumerationGraphType<LifecycleStage>
{
    public LifecycleStageType()
    {
        Name = "LifecycleStage";
        Description = "Where a member is in their life with the brand.";
    }
}

public sealed class TagDefinitionType : ObjectGraphType<TagDefinition>
{
    public TagDefinitionType()
    {
        Name = "TagDefinition";
        Description = "A tag operators segment members with.";
        Field<NonNullGraphType<IdGraphType>>("id").Description("Global, opaque id.").Resolve(ctx => GlobalId.Encode("Tag", ctx.Source.Id));
        Field(t => t.Key).Description("Stable key used in segment expressions.");
        Field(t => t.Name).Description("Name shown to operators and guides.");
        Field<NonNullGraphType<TagKindType>>("kind").Description("Manual or computed by a rule.").Resolve(ctx => ctx.Source.Kind);
        Field<TagRuleType>("rule").Description("The rule of a RULE tag, with the defaults in force filled in for parameters left out.")
            .Resolve(ctx => ctx.Source.RuleJson is null ? null : TagRule.FromJson(ctx.Source.RuleJson).WithEffectiveDefaults());
        Field(t => t.Owner).Description("Who defined it.");
        Field(t => t.Active).Description("Retired tags are no longer computed or settable.");
    }
}

public sealed class TagRuleType : ObjectGraphType<TagRule>
{
    public TagRuleType()
    {
        Name = "TagRule";
        Description = "A tag rule as data: the kind and the parameters it uses.";
        Field<NonNullGraphType<TagRuleKindType>>("kind").Description("The rule kind.").Resolve(ctx => ctx.Source.Kind);
        Field(r => r.WindowDays, nullable: true).Description("Look-back window in days.");
        Field(r => r.MinOrders, nullable: true).Description("RFM: at least this many orders in the window.");
        Field(r => r.MaxOrders, nullable: true).Description("RFM: at most this many orders in the window.");
        Field(r => r.MinSpendCents, type: typeof(LongGraphType)).Description("RFM: at least this spend (cents) in the window.");
        Field(r => r.MaxSpendCents, type: typeof(LongGraphType)).Description("RFM: at most this spend (cents) in the window.");
        Field(r => r.MinRecencyDays, nullable: true).Description("RFM: last order at least this many days ago.");
        Field(r => r.MaxRecencyDays, nullable: true).Description("RFM: last order at most this many days ago.");
        Field(r => r.Category, nullable: true).Description("Category preference: the category.");
        Field(r => r.MinSharePercent, nullable: true).Description("Category preference: minimum share of spend, percent.");
        Field(r => r.PurchaseNumber, nullable: true).Description("Purchase stage: exactly this many purchases.");
        Field(r => r.StoreCode, nullable: true).Description("Store preference / delivery radius: the store.");
        Field<LifecycleStageType>("stage").Description("Lifecycle: the stage.").Resolve(ctx => ctx.Source.Stage);
        Field(r => r.NewDays, nullable: true).Description("Lifecycle: 'new' within this many days of registering (default 30).");
        Field(r => r.DormantDays, nullable: true).Description("Lifecycle: dormant after this many days without an order (default 60).");
        Field(r => r.ChurnDays, nullable: true).Description("Lifecycle: churn risk after this many days without an order (default 120).");
        Field(r => r.Level, nullable: true).Description("Tier: the level.");
    }
}

public sealed class TagRuleInputType : InputObjectGraphType<TagRule>
{
    public TagRuleInputType()
    {
        Name = "TagRuleInput";
        Description = "A tag rule: the kind and the parameters that kind uses (others are ignored).";
        Field<NonNullGraphType<TagRuleKindType>>("kind").Description("The rule kind.");
        Field(r => r.WindowDays, nullable: true).Description("Look-back window in days (1-3650).");
        Field(r => r.MinOrders, nullable: true).Description("RFM: at least this many orders in the window.");
        Field(r => r.MaxOrders, nullable: true).Description("RFM: at most this many orders in the window.");
        Field(r => r.MinSpendCents, type: typeof(LongGraphType)).Description("RFM: at least this spend (cents).");
        Field(r => r.MaxSpendCents, type: typeof(LongGraphType)).Description("RFM: at most this spend (cents).");
        Field(r => r.MinRecencyDays, nullable: true).Description("RFM: last order at least this many days ago.");
        Field(r => r.MaxRecencyDays, nullable: true).Description("RFM: last order at most this many days ago.");
        Field(r => r.Category, nullable: true).Description("Category preference: the category, e.g. IMPORTED_FRUIT.");
        Field(r => r.MinSharePercent, nullable: true).Description("Category preference: minimum share of spend, percent.");
        Field(r => r.PurchaseNumber, nullable: true).Description("Purchase stage: exactly this many purchases.");
        Field(r => r.StoreCode, nullable: true).Description("Store preference (optional) / delivery radius (required): the store code.");
        Field<LifecycleStageType>("stage").Description("Lifecycle: the stage.");
        Field(r => r.NewDays, nullable: true).Description("Lifecycle: 'new' within this many days of registering.");
        Field(r => r.DormantDays, nullable: true).Description("Lifecycle: dormant after this many days without an order.");
        Field(r => r.ChurnDays, nullable: true).Description("Lifecycle: churn risk after this many days without an order.");
        Field(r => r.Level, nullable: true).Description("Tier: the level key, e.g. GOLD.");
    }
}

using GraphQL.Types;

namespace MemberGraph.GraphQL.Lists;

public sealed class DateTimeFilterInputType : InputObjectGraphType<RangeFilter<DateTime>>
{
    public DateTimeFilterInputType()
    {
        Name = "DateTimeFilter";
        Description = "Conditions on an instant (UTC or with an offset); every given one must hold. A row without the instant meets none.";
        Field<DateTimeGraphType>("gt").Description("Later than this instant.");
        Field<DateTimeGraphType>("gte").Description("At or after this instant (the start of a period).");
        Field<DateTimeGraphType>("lt").Description("Before this instant (the end of a period, exclusive).");
        Field<DateTimeGraphType>("lte").Description("At or before this instant.");
    }
}

public sealed class LongFilterInputType : InputObjectGraphType<RangeFilter<long>>
{
    public LongFilterInputType()
    {
        Name = "LongFilter";
        Description = $"Conditions on a whole number such as an amount in cents; every given one must hold. 'in' takes at most {Conditions.MaxValues} values.";
        Field<LongGraphType>("eq").Description("Exactly this.");
        Field<ListGraphType<NonNullGraphType<LongGraphType>>>("in").Description("One of these.");
        Field<LongGraphType>("gt").Description("More than this.");
        Field<LongGraphType>("gte").Description("This or more.");
        Field<LongGraphType>("lt").Description("Less than this.");
        Field<LongGraphType>("lte").Description("This or less.");
    }
}

public sealed class IntFilterInputType : InputObjectGraphType<RangeFilter<int>>
{
    public IntFilterInputType()
    {
        Name = "IntFilter";
        Description = $"Conditions on a small whole number such as a tier level; every given one must hold. 'in' takes at most {Conditions.MaxValues} values.";
        Field<IntGraphType>("eq").Description("Exactly this.");
        Field<ListGraphType<NonNullGraphType<IntGraphType>>>("in").Description("One of these.");
        Field<IntGraphType>("gt").Description("More than this.");
        Field<IntGraphType>("gte").Description("This or more.");
        Field<IntGraphType>("lt").Description("Less than this.");
        Field<IntGraphType>("lte").Description("This or less.");
    }
}

/// <summary>The <c>{ eq, in }</c> input of an enum (<c>&lt;Enum&gt;Filter</c>).</summary>
public abstract class ChoiceFilterInputType<TEnum, TEnumType> : InputObjectGraphType<ChoiceFilter<TEnum>>
    where TEnum : struct, Enum
    where TEnumType : EnumerationGraphType<TEnum>
{
    protected ChoiceFilterInputType(string name, string what)
    {
        Name = name;
        Description = $"Conditions on {what}; both must hold when both are given. 'in' takes at most {Conditions.MaxValues} values.";
        Field<TEnumType>("eq").Description("Exactly this one.");
        Field<ListGraphType<NonNullGraphType<TEnumType>>>("in").Description("One of these.");
    }
}

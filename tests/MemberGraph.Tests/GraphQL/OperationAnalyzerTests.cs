using GraphQL.Types;
using GraphQLParser;
using GraphQLParser.AST;
using MemberGraph.GraphQL.Limits;

namespace MemberGraph.Tests.GraphQL;

/// <summary>
/// The operation analyzer on its own, against a small schema: what it measures, and that the work it does — the
/// selections it visits — never exceeds the selections written in the document, however the fragments fan out.
/// </summary>
public sealed class OperationAnalyzerTests
{
    private static readonly ISchema Schema = BuildSchema();

    [Theory]
    [MemberData(nameof(FanOutFamily))]
    public void A_fragment_fan_out_is_measured_at_its_full_expansion_while_each_fragment_is_walked_once(int levels, int spreads)
    {
        // given
        var document = Parser.Parse(FanOut.Document(levels, spreads));

        // when
        var shape = Analyze(document);

        // then: the cost is the expansion's K^L fields; the visits are at most the selections written down
        Assert.Equal(Math.Pow(spreads, levels), shape.Cost, Math.Pow(spreads, levels) * 1e-9);
        Assert.True(shape.NodesVisited <= SelectionsIn(document), $"visited {shape.NodesVisited} selections of a document with {SelectionsIn(document)}");
    }

    public static TheoryData<int, int> FanOutFamily()
    {
        var family = FanOut.Family;
        foreach (var (levels, spreads) in new[] { (1, 1), (5, 5), (10, 30), (30, 10) })
        {
            family.Add(levels, spreads);
        }

        return family;
    }

    [Fact]
    public void A_field_costs_one_times_the_page_sizes_above_it()
    {
        // given: a page of $n items, each with a page of 3 children
        var document = Parser.Parse("query($n: Int) { items(first: $n) { id tags children(first: 3) { id } } }");

        // when
        var shape = Analyze(document, new Dictionary<string, object?> { ["n"] = 10 });

        // then: items 1 + 10 × (id 1 + tags 1 + children (1 + 3 × id 1)) = 1 + 10 × 6 = 61
        Assert.Equal(61, shape.Cost);
        Assert.Equal(3, shape.Depth);
    }

    [Fact]
    public void Each_condition_and_sort_entry_of_a_list_costs_one_more_times_the_pages_above_it()
    {
        // given: items with four conditions (an 'in' of three values is one) and two sort entries, each with a page of 3
        // children filtered by a variable holding one condition
        var document = Parser.Parse("""
            query($w: ItemFilter) {
              items(first: 10, where: { at: { gte: "a", lt: "b" }, tag: "x", level: { in: [1, 2, 3] }, none: null }, order: [{ at: DESC }, { level: ASC }]) {
                id children(first: 3, where: $w) { id } } }
            """);

        // when
        var shape = Analyze(document, new Dictionary<string, object?> { ["w"] = new Dictionary<string, object?> { ["at"] = new Dictionary<string, object?> { ["gte"] = "a" } } });

        // then: items (1 + 4 + 2) + 10 × (id 1 + children (1 + 1 + 3 × id 1)) = 7 + 10 × 6 = 67
        Assert.Equal(67, shape.Cost);
    }

    [Fact]
    public void The_children_of_a_list_without_a_page_size_count_five_times()
    {
        var shape = Analyze(Parser.Parse("{ item { related { id } } }"));

        // item 1 + related (1 + 5 × id 1)
        Assert.Equal(7, shape.Cost);
    }

    [Fact]
    public void Depth_aliases_and_root_fields_count_through_fragments_and_inline_fragments()
    {
        // given: the fragment holds two aliases and a field three levels deep, and is spread three times
        var document = Parser.Parse("""
            { ...Two ...Two ... on Query { ...Two } plain: item { id } }
            fragment Two on Query { a: item { id } b: item { child { child { id } } } }
            """);

        // when
        var shape = Analyze(document);

        // then: aliases 3 × 2 + 1; root fields 3 × 2 + 1; depth item → child → child → id
        Assert.Equal(7, shape.Aliases);
        Assert.Equal(7, shape.RootFields);
        Assert.Equal(4, shape.Depth);
    }

    [Fact]
    public void A_fragment_that_spreads_itself_ends_the_walk_and_is_left_to_validation()
    {
        // given
        var document = Parser.Parse("{ ...A } fragment A on Query { item { id } ...B } fragment B on Query { ...A }");

        // when
        var shape = Analyze(document);

        // then: item 1 + id 1, once
        Assert.Equal(2, shape.Cost);
        Assert.True(shape.NodesVisited <= SelectionsIn(document));
    }

    private static OperationShape Analyze(GraphQLDocument document, IReadOnlyDictionary<string, object?>? variables = null) =>
        OperationAnalyzer.Analyze(document, document.Definitions.OfType<GraphQLOperationDefinition>().Single(), Schema, variables, CancellationToken.None);

    /// <summary>Fields, fragment spreads and inline fragments written in the document.</summary>
    private static long SelectionsIn(GraphQLDocument document)
    {
        static long Count(GraphQLSelectionSet? set) => set is null ? 0 : set.Selections.Sum(s => 1 + s switch
        {
            GraphQLField field => Count(field.SelectionSet),
            GraphQLInlineFragment inline => Count(inline.SelectionSet),
            _ => 0,
        });

        return document.Definitions.Sum(d => d switch
        {
            GraphQLOperationDefinition operation => Count(operation.SelectionSet),
            GraphQLFragmentDefinition fragment => Count(fragment.SelectionSet),
            _ => 0,
        });
    }

    private static ISchema BuildSchema()
    {
        var schema = global::GraphQL.Types.Schema.For("""
            type Query { item: Item items(first: Int, where: ItemFilter, order: [ItemSort!]): [Item] }
            type Item { id: ID tags: [String] child: Item children(first: Int, where: ItemFilter): [Item] related: [Item] }
            input ItemFilter { at: RangeFilter tag: String level: LevelFilter none: String }
            input RangeFilter { gte: String lt: String }
            input LevelFilter { in: [Int!] }
            input ItemSort { at: Direction level: Direction }
            enum Direction { ASC DESC }
            """);
        schema.Initialize();
        return schema;
    }
}

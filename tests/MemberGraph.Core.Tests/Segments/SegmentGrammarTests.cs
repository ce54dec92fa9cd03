using MemberGraph.Segments;

namespace MemberGraph.Core.Tests.Segments;

/// <summary>The rest of the segment grammar: keyword case, associativity, attributes, limits of length and nesting.</summary>
public sealed class SegmentGrammarTests
{
    private static SegmentExpression Parsed(string text)
    {
        var (expression, error) = SegmentExpressionParser.Parse(text);
        Assert.Null(error);
        return expression!;
    }

    private static SegmentSyntaxError Refused(string text)
    {
        var (expression, error) = SegmentExpressionParser.Parse(text);
        Assert.Null(expression);
        return error!;
    }

    [Fact]
    public void Keywords_are_read_in_any_case_and_tag_keys_keep_theirs()
    {
        Assert.Equal(new Or(new HasTag("A"), new And(new HasTag("b"), new Not(new HasTag("C")))), Parsed("A or b And nOt C"));
    }

    [Fact]
    public void AND_and_OR_chains_group_from_the_left()
    {
        Assert.Equal(new And(new And(new HasTag("a"), new HasTag("b")), new HasTag("c")), Parsed("a AND b AND c"));
        Assert.Equal(new Or(new Or(new HasTag("a"), new HasTag("b")), new HasTag("c")), Parsed("a OR b OR c"));
    }

    [Fact]
    public void NOT_applies_to_the_next_factor_only_and_may_repeat()
    {
        Assert.Equal(new And(new Not(new HasTag("a")), new HasTag("b")), Parsed("NOT a AND b"));
        Assert.Equal(new Not(new Not(new HasTag("a"))), Parsed("NOT NOT a"));
        Assert.Equal(new Not(new Or(new HasTag("a"), new HasTag("b"))), Parsed("NOT (a OR b)"));
    }

    [Theory]
    [InlineData("TIER = GOLD", "tier", "GOLD", false)]                 // attribute names are lower-cased, values kept
    [InlineData("tier=gold", "tier", "gold", false)]                   // no spaces needed
    [InlineData("store != SH-001", "store", "SH-001", true)]
    [InlineData("registered = 2026-01-01", "registered", "2026-01-01", false)]
    [InlineData("city = 上海", "city", "上海", false)]
    [InlineData("Gender != 1", "gender", "1", true)]
    public void Attributes_compare_with_a_value(string text, string attribute, string value, bool negated)
    {
        Assert.Equal(new AttributeIs(attribute, value, negated), Parsed(text));
    }

    [Theory]
    [InlineData("爱吃进口水果")]
    [InlineData("dormant_60d")]
    [InlineData("gift:box.v2-2026")]
    [InlineData("tier")] // an attribute name alone is a tag key
    public void Tag_keys_take_letters_of_any_script_digits_and_separators(string key)
    {
        Assert.Equal(new HasTag(key), Parsed(key));
    }

    [Theory]
    [InlineData("tier = AND", 7, "Expected a value after '='")]
    [InlineData("store != (x)", 9, "Expected a value after '!='")]
    [InlineData("a AND NOT", 9, "ends too early")]
    [InlineData("a !b", 2, "Unexpected character '!'")]
    [InlineData("   ", 0, "empty")]
    [InlineData("()", 1, "Unexpected ')'")]
    [InlineData("a OR OR b", 5, "Unexpected 'OR'")]
    public void More_bad_input_is_refused_where_it_goes_wrong(string text, int position, string message)
    {
        var error = Refused(text);

        Assert.Equal(position, error.Position);
        Assert.Contains(message, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Expressions_of_up_to_2000_characters_are_read()
    {
        var longest = "a" + string.Concat(Enumerable.Repeat(" OR a", 399)) + new string(' ', 4); // 1 + 399 x 5 + 4 = 2000

        Assert.Equal(2000, longest.Length);
        Assert.IsType<Or>(Parsed(longest));
        Assert.Equal(new SegmentSyntaxError("The expression is longer than 2000 characters.", 2000), Refused(longest + " "));
    }

    [Fact]
    public void Nesting_50_levels_deep_is_read_and_51_is_refused()
    {
        Assert.Equal(new HasTag("a"), Parsed(new string('(', 50) + "a" + new string(')', 50)));
        Assert.Equal(new Not(new HasTag("a")), Unwrap(Parsed(string.Concat(Enumerable.Repeat("NOT ", 50)) + "a"), 49));

        var error = Refused(new string('(', 51) + "a" + new string(')', 51));
        Assert.Equal(new SegmentSyntaxError("Nested deeper than 50 levels.", 51), error);
    }

    private static SegmentExpression Unwrap(SegmentExpression expression, int nots)
    {
        for (var i = 0; i < nots; i++)
        {
            expression = Assert.IsType<Not>(expression).Operand;
        }

        return expression;
    }
}

using MemberGraph.Segments;

namespace MemberGraph.Core.Tests.Segments;

public sealed class SegmentExpressionParserTests
{
    [Fact]
    public void AND_binds_tighter_than_OR_and_NOT_tighter_than_AND()
    {
        var (expression, error) = SegmentExpressionParser.Parse("a OR b AND NOT c");

        Assert.Null(error);
        Assert.Equal(new Or(new HasTag("a"), new And(new HasTag("b"), new Not(new HasTag("c")))), expression);
    }

    [Fact]
    public void Parentheses_attributes_and_chinese_values_parse()
    {
        var (expression, error) = SegmentExpressionParser.Parse("(loves_imported_fruit or gift:box) and tier = GOLD and city != 上海");

        Assert.Null(error);
        Assert.Equal(
            new And(new And(new Or(new HasTag("loves_imported_fruit"), new HasTag("gift:box")), new AttributeIs("tier", "GOLD", false)), new AttributeIs("city", "上海", true)),
            expression);
    }

    [Theory]
    [InlineData("", 0, "empty")]
    [InlineData("a AND", 5, "ends too early")]
    [InlineData("a b", 2, "Unexpected 'b'")]
    [InlineData("(a OR b", 7, "Expected ')'")]
    [InlineData("a AND )", 6, "Unexpected ')'")]
    [InlineData("a & b", 2, "Unexpected character '&'")]
    [InlineData("colour = red", 0, "not an attribute")]
    [InlineData("tier =", 6, "Expected a value")]
    [InlineData("NOT", 3, "ends too early")]
    public void Bad_input_gets_a_clear_error_with_its_position(string text, int position, string message)
    {
        var (expression, error) = SegmentExpressionParser.Parse(text);

        Assert.Null(expression);
        Assert.NotNull(error);
        Assert.Equal(position, error.Position);
        Assert.Contains(message, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Absurd_nesting_is_refused_instead_of_overflowing_the_stack()
    {
        var (expression, error) = SegmentExpressionParser.Parse(new string('(', 500) + "a" + new string(')', 500));

        Assert.Null(expression);
        Assert.Contains("Nested deeper", error!.Message, StringComparison.Ordinal);
    }
}

namespace MemberGraph.Segments;

/// <summary>
/// A parsed audience expression (客群圈选): tag keys and attribute predicates combined with AND, OR, NOT and
/// parentheses, e.g. <c>loves_imported_fruit AND NOT dormant_60d AND (tier = GOLD OR tier = BLACK_GOLD)</c>.
/// </summary>
public abstract record SegmentExpression;

public sealed record HasTag(string Key) : SegmentExpression;

/// <summary>An attribute compared with a value: <c>tier = GOLD</c>, <c>store != SH001</c>, <c>city = 上海</c>.</summary>
public sealed record AttributeIs(string Attribute, string Value, bool Negated) : SegmentExpression;

public sealed record Not(SegmentExpression Operand) : SegmentExpression;

public sealed record And(SegmentExpression Left, SegmentExpression Right) : SegmentExpression;

public sealed record Or(SegmentExpression Left, SegmentExpression Right) : SegmentExpression;

/// <summary>Why an expression could not be read, and where (0-based character position).</summary>
public sealed record SegmentSyntaxError(string Message, int Position);

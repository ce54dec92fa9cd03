namespace MemberGraph.Segments;

/// <summary>
/// Reads segment expressions. Grammar (keywords case-insensitive):
/// <code>
/// expression := term ( OR term )*
/// term       := factor ( AND factor )*
/// factor     := NOT factor | '(' expression ')' | attribute ( '=' | '!=' ) value | tagKey
/// attribute  := tier | store | city | gender | registered
/// </code>
/// Errors name the position of the offending token so an operator's editor can point at it.
/// </summary>
public static class SegmentExpressionParser
{
    public static readonly IReadOnlySet<string> Attributes = new HashSet<string>(StringComparer.OrdinalIgnoreCase) { "tier", "store", "city", "gender", "registered" };

    public const int MaxLength = 2000;

    public static (SegmentExpression? Expression, SegmentSyntaxError? Error) Parse(string text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return (null, new SegmentSyntaxError("The expression is empty.", 0));
        }

        if (text.Length > MaxLength)
        {
            return (null, new SegmentSyntaxError($"The expression is longer than {MaxLength} characters.", MaxLength));
        }

        var tokens = SegmentTokenizer.Tokenize(text, out var lexError);
        if (lexError is not null)
        {
            return (null, lexError);
        }

        var parser = new Reader(tokens);
        try
        {
            var expression = parser.Expression(depth: 0);
            if (!parser.AtEnd)
            {
                var token = parser.Peek;
                return (null, new SegmentSyntaxError($"Unexpected '{token.Text}': expected AND, OR or the end.", token.Position));
            }

            return (expression, null);
        }
        catch (SyntaxException ex)
        {
            return (null, ex.Error);
        }
    }

    private sealed class Reader(List<Token> tokens)
    {
        private const int MaxDepth = 50;
        private int _index;

        public bool AtEnd => tokens[_index].Kind == TokenKind.End;

        public Token Peek => tokens[_index];

        public SegmentExpression Expression(int depth)
        {
            var left = Term(depth);
            while (Peek.Kind == TokenKind.Or)
            {
                _index++;
                left = new Or(left, Term(depth));
            }

            return left;
        }

        private SegmentExpression Term(int depth)
        {
            var left = Factor(depth);
            while (Peek.Kind == TokenKind.And)
            {
                _index++;
                left = new And(left, Factor(depth));
            }

            return left;
        }

        private SegmentExpression Factor(int depth)
        {
            if (depth > MaxDepth)
            {
                throw new SyntaxException($"Nested deeper than {MaxDepth} levels.", Peek.Position);
            }

            var token = Peek;
            switch (token.Kind)
            {
                case TokenKind.Not:
                    _index++;
                    return new Not(Factor(depth + 1));
                case TokenKind.Open:
                    _index++;
                    var inner = Expression(depth + 1);
                    if (Peek.Kind != TokenKind.Close)
                    {
                        throw new SyntaxException($"Expected ')' to close the '(' at {token.Position}.", Peek.Position);
                    }

                    _index++;
                    return inner;
                case TokenKind.Word:
                    _index++;
                    if (Peek.Kind is TokenKind.Equals or TokenKind.NotEquals)
                    {
                        if (!Attributes.Contains(token.Text))
                        {
                            throw new SyntaxException($"'{token.Text}' is not an attribute; attributes are {string.Join(", ", Attributes.Order())}.", token.Position);
                        }

                        var negated = Peek.Kind == TokenKind.NotEquals;
                        _index++;
                        if (Peek.Kind != TokenKind.Word)
                        {
                            throw new SyntaxException($"Expected a value after '{(negated ? "!=" : "=")}'.", Peek.Position);
                        }

                        var value = Peek.Text;
                        _index++;
                        return new AttributeIs(token.Text.ToLowerInvariant(), value, negated);
                    }

                    return new HasTag(token.Text);
                case TokenKind.End:
                    throw new SyntaxException("The expression ends too early: expected a tag, an attribute, NOT or '('.", token.Position);
                default:
                    throw new SyntaxException($"Unexpected '{token.Text}': expected a tag, an attribute, NOT or '('.", token.Position);
            }
        }
    }

    private sealed class SyntaxException(string message, int position) : Exception(message)
    {
        public SegmentSyntaxError Error { get; } = new(message, position);
    }
}

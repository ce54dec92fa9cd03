namespace MemberGraph.Segments;

internal enum TokenKind
{
    Word,
    And,
    Or,
    Not,
    Open,
    Close,
    Equals,
    NotEquals,
    End,
}

internal sealed record Token(TokenKind Kind, string Text, int Position);

/// <summary>Splits an expression into words (tag keys, attributes, values — letters of any script, digits, _ - : .), operators and parentheses.</summary>
internal static class SegmentTokenizer
{
    public static List<Token> Tokenize(string text, out SegmentSyntaxError? error)
    {
        error = null;
        var tokens = new List<Token>();
        var i = 0;
        while (i < text.Length)
        {
            var c = text[i];
            if (char.IsWhiteSpace(c))
            {
                i++;
            }
            else if (c == '(')
            {
                tokens.Add(new Token(TokenKind.Open, "(", i++));
            }
            else if (c == ')')
            {
                tokens.Add(new Token(TokenKind.Close, ")", i++));
            }
            else if (c == '=')
            {
                tokens.Add(new Token(TokenKind.Equals, "=", i++));
            }
            else if (c == '!' && i + 1 < text.Length && text[i + 1] == '=')
            {
                tokens.Add(new Token(TokenKind.NotEquals, "!=", i));
                i += 2;
            }
            else if (IsWordChar(c))
            {
                var start = i;
                while (i < text.Length && IsWordChar(text[i]))
                {
                    i++;
                }

                var word = text[start..i];
                tokens.Add(new Token(word.ToUpperInvariant() switch
                {
                    "AND" => TokenKind.And,
                    "OR" => TokenKind.Or,
                    "NOT" => TokenKind.Not,
                    _ => TokenKind.Word,
                }, word, start));
            }
            else
            {
                error = new SegmentSyntaxError($"Unexpected character '{c}'.", i);
                return tokens;
            }
        }

        tokens.Add(new Token(TokenKind.End, "", text.Length));
        return tokens;
    }

    private static bool IsWordChar(char c) => char.IsLetterOrDigit(c) || c is '_' or '-' or ':' or '.';
}

using GraphQLParser;
using GraphQLParser.Exceptions;

namespace MemberGraph.GraphQL.Limits;

/// <summary>
/// Counts a document's lexical tokens (comments excluded) before anything parses it, stopping one past the limit:
/// the first defence against documents built to be expensive to parse and validate, whatever they contain.
/// </summary>
public static class TokenCounter
{
    /// <returns>The number of tokens, or <paramref name="limit"/> + 1 as soon as there are more than that.</returns>
    public static int CountUpTo(string query, int limit)
    {
        var count = 0;
        var position = 0;
        while (count <= limit)
        {
            Token token;
            try
            {
                token = Lexer.Lex(query, position);
            }
            catch (GraphQLSyntaxErrorException)
            {
                return count; // the parser reports the syntax error with its position
            }

            if (token.Kind == TokenKind.EOF || token.End <= position)
            {
                return count;
            }

            if (token.Kind != TokenKind.COMMENT)
            {
                count++;
            }

            position = token.End;
        }

        return count;
    }
}

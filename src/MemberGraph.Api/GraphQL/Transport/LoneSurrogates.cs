using System.Text;
using System.Text.Json;
using GraphQLParser;
using GraphQLParser.Exceptions;

namespace MemberGraph.GraphQL.Transport;

/// <summary>
/// Finds lone UTF-16 surrogates (\uD800–\uDFFF without their pair) wherever a request can carry them: JSON escapes,
/// GraphQL string escapes, percent-encoded query strings. They are not text: written to the database as UTF-8 they
/// become U+FFFD, so two different order ids, idempotency keys, coupon codes or external ids would collapse into one.
/// The transports refuse them with <see cref="TransportErrorCodes.InvalidString"/> before anything runs. Each check
/// first looks for a <c>\u</c> (or a <c>%</c>), so requests without escapes pay one vectorised search.
/// </summary>
public static class LoneSurrogates
{
    public const string Message =
        "A string contains a lone UTF-16 surrogate (\\uD800-\\uDFFF without its pair): it is not text and would be stored as U+FFFD. Send valid Unicode.";

    public const string QueryStringMessage = "The query string is not valid UTF-8 once percent-decoded (a lone surrogate or bytes that are no character).";

    /// <summary>True when a string or property name of this (well-formed) JSON escapes a lone surrogate.</summary>
    public static bool InJson(ReadOnlySpan<byte> json)
    {
        if (json.IndexOf("\\u"u8) < 0)
        {
            return false;
        }

        var reader = new Utf8JsonReader(json, new JsonReaderOptions { AllowTrailingCommas = false, CommentHandling = JsonCommentHandling.Disallow });
        try
        {
            while (reader.Read())
            {
                if (reader.TokenType is JsonTokenType.String or JsonTokenType.PropertyName && reader.ValueIsEscaped && EscapesLoneSurrogate(reader.ValueSpan))
                {
                    return true;
                }
            }
        }
        catch (JsonException)
        {
            // Not JSON: the caller's parser says so with its own code.
        }

        return false;
    }

    /// <summary>True when a string value of this GraphQL document (after its escapes) holds a lone surrogate.</summary>
    public static bool InDocument(string? query)
    {
        if (query is null || query.AsSpan().IndexOf("\\u", StringComparison.Ordinal) < 0)
        {
            return InText(query);
        }

        var source = query.AsMemory();
        try
        {
            for (var token = Lexer.Lex(source); token.Kind != TokenKind.EOF; token = Lexer.Lex(source, token.End))
            {
                if (token.Kind == TokenKind.STRING && InText(token.Value.Span))
                {
                    return true;
                }
            }
        }
        catch (GraphQLSyntaxErrorException)
        {
            // Not GraphQL: the parser reports the syntax error.
        }

        return false;
    }

    /// <summary>True when <paramref name="text"/> has a surrogate without its partner.</summary>
    public static bool InText(ReadOnlySpan<char> text)
    {
        for (var i = 0; i < text.Length; i++)
        {
            if (char.IsHighSurrogate(text[i]) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                i++;
            }
            else if (char.IsSurrogate(text[i]))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// True when a raw (percent-encoded) query string is not UTF-8 once decoded: ASP.NET Core would turn the bad bytes
    /// into U+FFFD silently, which is how a lone surrogate (CESU-8 <c>%ED%A0%80</c>) arrives by GET.
    /// </summary>
    public static bool InQueryString(string? raw)
    {
        if (string.IsNullOrEmpty(raw) || (!raw.Contains('%', StringComparison.Ordinal) && raw.AsSpan().IndexOfAnyExceptInRange((char)0, (char)0x7F) < 0))
        {
            return false;
        }

        var bytes = new byte[Encoding.UTF8.GetMaxByteCount(raw.Length)];
        var length = 0;
        for (var i = 0; i < raw.Length; i++)
        {
            if (raw[i] == '%' && i + 2 < raw.Length
                && byte.TryParse(raw.AsSpan(i + 1, 2), System.Globalization.NumberStyles.AllowHexSpecifier, null, out var escaped))
            {
                bytes[length++] = escaped;
                i += 2;
            }
            else
            {
                var count = char.IsHighSurrogate(raw[i]) && i + 1 < raw.Length ? 2 : 1;
                length += Encoding.UTF8.GetBytes(raw.AsSpan(i, count), bytes.AsSpan(length));
                i += count - 1;
            }
        }

        return !System.Text.Unicode.Utf8.IsValid(bytes.AsSpan(0, length));
    }

    /// <summary>The escapes of one raw JSON string: does a <c>\uD800</c>-<c>\uDFFF</c> escape stand without its partner?</summary>
    private static bool EscapesLoneSurrogate(ReadOnlySpan<byte> raw)
    {
        var awaitingLow = false;
        var i = 0;
        while (i < raw.Length)
        {
            if (raw[i] == '\\' && i + 1 < raw.Length && raw[i + 1] == 'u' && i + 5 < raw.Length
                && ushort.TryParse(Encoding.ASCII.GetString(raw.Slice(i + 2, 4)), System.Globalization.NumberStyles.AllowHexSpecifier, null, out var unit))
            {
                var c = (char)unit;
                if (char.IsLowSurrogate(c) != awaitingLow)
                {
                    return true;
                }

                awaitingLow = char.IsHighSurrogate(c);
                i += 6;
                continue;
            }

            if (awaitingLow)
            {
                return true;
            }

            i += raw[i] == '\\' ? 2 : 1;
        }

        return awaitingLow;
    }
}

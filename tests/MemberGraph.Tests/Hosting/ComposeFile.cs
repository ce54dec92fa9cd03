namespace MemberGraph.Tests.Hosting;

/// <summary>
/// Reads the block-style YAML subset docker-compose.yml is written in (nested maps by indentation, "- item"
/// lists, quoted or plain scalars, comments) — enough to check what the file wires together.
/// </summary>
internal sealed class ComposeFile
{
    private ComposeFile(Dictionary<string, object> root) => Root = root;

    public Dictionary<string, object> Root { get; }

    public Dictionary<string, object> Services => Map(Root, "services");

    public static ComposeFile Parse(string yaml)
    {
        var lines = yaml.ReplaceLineEndings("\n").Split('\n')
            .Where(l => l.Trim().Length > 0 && !l.TrimStart().StartsWith('#'))
            .Select(l => (Indent: l.Length - l.TrimStart().Length, Text: l.Trim()))
            .ToList();
        var position = 0;
        return new ComposeFile(ParseMap(lines, ref position, 0));
    }

    public static Dictionary<string, object> Map(Dictionary<string, object> map, string key) =>
        map.TryGetValue(key, out var value) && value is Dictionary<string, object> child
            ? child
            : throw new Xunit.Sdk.XunitException($"docker-compose.yml: '{key}' is not a map (keys here: {string.Join(", ", map.Keys)}).");

    private static Dictionary<string, object> ParseMap(List<(int Indent, string Text)> lines, ref int position, int indent)
    {
        var map = new Dictionary<string, object>(StringComparer.Ordinal);
        while (position < lines.Count && lines[position].Indent == indent && !lines[position].Text.StartsWith("- ", StringComparison.Ordinal))
        {
            var text = lines[position].Text;
            var colon = KeySeparator(text);
            var key = Unquote(text[..colon]);
            var rest = StripComment(text[(colon + 1)..]).Trim();
            position++;
            if (rest.Length > 0)
            {
                map[key] = Unquote(rest);
            }
            else if (position < lines.Count && lines[position].Indent > indent)
            {
                map[key] = lines[position].Text.StartsWith("- ", StringComparison.Ordinal)
                    ? ParseList(lines, ref position, lines[position].Indent)
                    : ParseMap(lines, ref position, lines[position].Indent);
            }
            else if (position < lines.Count && lines[position].Indent == indent && lines[position].Text.StartsWith("- ", StringComparison.Ordinal))
            {
                map[key] = ParseList(lines, ref position, indent);
            }
            else
            {
                map[key] = "";
            }
        }

        return map;
    }

    private static List<string> ParseList(List<(int Indent, string Text)> lines, ref int position, int indent)
    {
        var list = new List<string>();
        while (position < lines.Count && lines[position].Indent == indent && lines[position].Text.StartsWith("- ", StringComparison.Ordinal))
        {
            list.Add(Unquote(StripComment(lines[position].Text[2..]).Trim()));
            position++;
        }

        return list;
    }

    /// <summary>The first ':' that ends a key (followed by a space or the end of the line, outside quotes).</summary>
    private static int KeySeparator(string text)
    {
        var quote = '\0';
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (quote != '\0')
            {
                quote = c == quote ? '\0' : quote;
            }
            else if (c is '"' or '\'')
            {
                quote = c;
            }
            else if (c == ':' && (i + 1 == text.Length || text[i + 1] == ' '))
            {
                return i;
            }
        }

        throw new FormatException($"docker-compose.yml: expected 'key: value' in: {text}");
    }

    private static string StripComment(string value)
    {
        var trimmed = value.TrimStart();
        if (trimmed.StartsWith('"') || trimmed.StartsWith('\''))
        {
            return value;
        }

        var hash = value.IndexOf(" #", StringComparison.Ordinal);
        return hash < 0 ? value : value[..hash];
    }

    private static string Unquote(string value)
    {
        value = value.Trim();
        if (value.Length >= 2 && ((value[0] == '"' && value[^1] == '"') || (value[0] == '\'' && value[^1] == '\'')))
        {
            var inner = value[1..^1];
            return value[0] == '"' ? inner.Replace("\\\"", "\"").Replace("\\\\", "\\") : inner.Replace("''", "'");
        }

        return value;
    }
}

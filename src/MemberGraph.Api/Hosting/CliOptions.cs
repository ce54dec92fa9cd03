using MemberGraph.Domain;

namespace MemberGraph.Hosting;

internal sealed class CliUsageException(string message) : Exception(message);

internal sealed class CliOptions(Dictionary<string, string> values)
{
    public static CliOptions Parse(string[] args)
    {
        var values = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i < args.Length; i++)
        {
            if (!args[i].StartsWith("--", StringComparison.Ordinal) || args[i].Contains('='))
            {
                continue;
            }

            values[args[i][2..]] = i + 1 < args.Length && !args[i + 1].StartsWith("--", StringComparison.Ordinal) ? args[++i] : "true";
        }

        return new CliOptions(values);
    }

    public string? Get(string name) => values.GetValueOrDefault(name);

    /// <summary>Accepts a global id of the right type or a plain numeric key.</summary>
    public long? Id(string name, string typeName)
    {
        var value = Get(name);
        if (value is null)
        {
            return null;
        }

        if (long.TryParse(value, out var key))
        {
            return key;
        }

        return GlobalId.TryDecode(value, typeName) ?? throw new CliUsageException($"--{name} '{value}' is not a {typeName} id.");
    }
}

using System.Globalization;
using System.Text.Json.Nodes;
using MemberGraph.Domain;

namespace MemberGraph.Tests.Schema;

/// <summary>
/// The object types of an introspection answer and the ways from <c>Query</c> to each: enough to write a query that
/// reaches any field without listing the schema by hand.
/// </summary>
internal sealed class SchemaMap
{
    private SchemaMap(Dictionary<string, ObjectType> types, string queryType)
    {
        Types = types;
        QueryType = queryType;
        ReachableFromQuery = Reach(queryType);
    }

    public IReadOnlyDictionary<string, ObjectType> Types { get; }
    public string QueryType { get; }
    public HashSet<string> ReachableFromQuery { get; }

    public static SchemaMap From(JsonNode schema)
    {
        var types = new Dictionary<string, ObjectType>();
        foreach (var type in schema["types"]!.AsArray())
        {
            var name = type!["name"]!.GetValue<string>();
            if (type["kind"]!.GetValue<string>() != "OBJECT" || name.StartsWith("__", StringComparison.Ordinal))
            {
                continue;
            }

            var fields = type["fields"]!.AsArray().Select(f => new Field(
                f!["name"]!.GetValue<string>(),
                Named(f["type"]!, out var kind),
                kind,
                f["args"]!.AsArray().Select(a => new Argument(a!["name"]!.GetValue<string>(), a["type"]!["kind"]!.GetValue<string>() == "NON_NULL" && a["defaultValue"] is null)).ToList()))
                .ToList();
            types[name] = new ObjectType(name, fields);
        }

        return new SchemaMap(types, schema["queryType"]!["name"]!.GetValue<string>());
    }

    /// <summary>Shortest first; at most a few ways through each type, so the search stays small.</summary>
    public IEnumerable<PathToType> PathsTo(string target, Schema.TimeOffsetTests.Subjects subjects)
    {
        var leadsToTarget = TypesLeadingTo(target);
        var arrivals = new Dictionary<string, int>();
        var queue = new Queue<PathToType>([new PathToType(QueryType, [])]);
        while (queue.Count > 0)
        {
            var path = queue.Dequeue();
            if (path.Type == target)
            {
                yield return path;
                continue;
            }

            if (path.Steps.Count >= 7)
            {
                continue;
            }

            foreach (var field in Types[path.Type].Fields.Where(f => f.Kind == "OBJECT" && leadsToTarget.Contains(f.NamedType)))
            {
                if (path.Steps.Any(s => s.Type == field.NamedType) || Arguments(field, subjects) is not { } arguments)
                {
                    continue;
                }

                var count = arrivals.GetValueOrDefault(field.NamedType);
                if (count >= 4)
                {
                    continue;
                }

                arrivals[field.NamedType] = count + 1;
                queue.Enqueue(new PathToType(field.NamedType, [.. path.Steps, new Step(field.Name, arguments, field.NamedType)]));
            }
        }
    }

    /// <summary>The arguments a step needs: a small page, and values for the required ones we can give; null when we cannot.</summary>
    private static string? Arguments(Field field, Schema.TimeOffsetTests.Subjects subjects)
    {
        var given = new List<string>();
        foreach (var argument in field.Arguments)
        {
            var value = (argument.Name, argument.Required) switch
            {
                ("first", _) => "3",
                ("where", false) when field.Name == "customers" => "{ includeEnded: true }",
                ("id", true) when field.Name == "member" => $"\"{GlobalId.Encode("Member", subjects.MemberId)}\"",
                ("externalUserId", true) when subjects.ExternalUserId is not null => $"\"{subjects.ExternalUserId}\"",
                ("phone", false) when field.Name == "partnerMemberLookup" && subjects.Phone is not null => $"\"{subjects.Phone}\"",
                ("expression", true) => "\"regulars\"",
                ("partnerId", true) when field.Name == "partnerSettlement" => $"\"{GlobalId.Encode("Partner", Schema.TimeOffsetTests.DemoPartnerId)}\"",
                ("date", true) when field.Name == "partnerSettlement" => $"\"{Schema.TimeOffsetTests.BusinessToday}\"",
                ("context", true) when field.Name == "recommendedCoupons" =>
                    string.Create(CultureInfo.InvariantCulture, $"{{ location: {{ latitude: 31.2304, longitude: 121.4737 }}, weather: RAIN }}"),
                (_, true) => null,
                _ => "",
            };
            if (value is null)
            {
                return null;
            }

            if (value.Length > 0)
            {
                given.Add($"{argument.Name}: {value}");
            }
        }

        return given.Count == 0 ? "" : $"({string.Join(", ", given)})";
    }

    private HashSet<string> Reach(string from)
    {
        var seen = new HashSet<string> { from };
        var queue = new Queue<string>([from]);
        while (queue.Count > 0)
        {
            foreach (var field in Types[queue.Dequeue()].Fields.Where(f => f.Kind == "OBJECT" && Types.ContainsKey(f.NamedType)))
            {
                if (seen.Add(field.NamedType))
                {
                    queue.Enqueue(field.NamedType);
                }
            }
        }

        return seen;
    }

    private HashSet<string> TypesLeadingTo(string target)
    {
        var leading = new HashSet<string> { target };
        bool grew;
        do
        {
            grew = false;
            foreach (var type in Types.Values)
            {
                if (!leading.Contains(type.Name) && type.Fields.Any(f => f.Kind == "OBJECT" && leading.Contains(f.NamedType)))
                {
                    grew = leading.Add(type.Name) || grew;
                }
            }
        }
        while (grew);
        return leading;
    }

    private static string Named(JsonNode type, out string kind)
    {
        while (type["ofType"] is { } inner && type["name"] is null)
        {
            type = inner;
        }

        kind = type["kind"]!.GetValue<string>();
        return type["name"]!.GetValue<string>();
    }

    internal sealed record ObjectType(string Name, IReadOnlyList<Field> Fields);

    internal sealed record Field(string Name, string NamedType, string Kind, IReadOnlyList<Argument> Arguments);

    internal sealed record Argument(string Name, bool Required);

    internal sealed record Step(string Field, string Arguments, string Type);

    internal sealed record PathToType(string Type, IReadOnlyList<Step> Steps)
    {
        /// <summary>The query that selects <paramref name="leaf"/> at the end of the path.</summary>
        public string Query(string leaf)
        {
            var open = string.Concat(Steps.Select(s => $"{s.Field}{s.Arguments} {{ "));
            return $"{{ {open}{leaf}{string.Concat(Enumerable.Repeat(" }", Steps.Count))} }}";
        }
    }
}

using System.Text.Json;
using System.Text.Json.Nodes;
using MemberGraph.Auth;
using MemberGraph.Tests.Infrastructure;

namespace MemberGraph.Tests.Docs;

/// <summary>
/// The README's guided tour runs, step by step, against the demo a first <c>dotnet run</c> seeds (default size, Tencent
/// sandbox on as in Development), exactly as its files say — so the tour cannot rot. Each step is a file in
/// <c>tour/&lt;audience&gt;/</c>; its header says whose token it uses (<c># token &lt;- file path</c> from an earlier
/// step's answer, or <c># token: dev-token ...</c>), its default variables (<c># variables: {...}</c>) and variables taken
/// from an earlier answer (<c># var name &lt;- file path</c>), which is what the README's commands do by hand. Only the
/// tour itself uses the demo gateway; the class fixture seeds it once, not once per test.
/// </summary>
public sealed class TourTests(FirstRunDemoFixture demo) : IClassFixture<FirstRunDemoFixture>
{
    private static readonly string[] Audiences = ["member", "guide", "staff", "admin", "partner"];

    private readonly GatewayHost _gateway = demo.Gateway;

    [Fact]
    public async Task Every_step_of_the_tour_runs_against_the_demo_without_errors()
    {
        var answers = new Dictionary<string, JsonObject>();
        foreach (var step in Steps())
        {
            // given: the step's token and variables, some from earlier answers
            var text = File.ReadAllText(Path.Combine(TourFolder, step));
            var header = text.Split('\n').Where(l => l.StartsWith('#')).ToList();
            var variables = header.FirstOrDefault(l => l.StartsWith("# variables:", StringComparison.Ordinal)) is { } line
                ? JsonNode.Parse(line["# variables:".Length..])!.AsObject()
                : [];
            foreach (var (name, from) in References(header, "# var "))
            {
                variables[name] = Pick(answers, from, step).DeepClone();
            }

            var token = TokenFor(header, answers, step);

            // when
            var response = await _gateway.GraphQLAsync(text, JsonSerializer.Deserialize<object>(variables.ToJsonString()), token);

            // then
            Assert.True(response.Status == 200 && response.Errors is null, $"{step}: {response.Body}");
            Assert.True(PayloadErrors(response.Json).Count == 0, $"{step}: {response.Body}");
            answers[step] = response.Json;
        }

        Assert.Contains("member/01-sign-in.graphql", answers.Keys);
    }

    [Fact]
    public void Every_step_is_in_the_readme_and_every_tour_file_the_readme_names_exists()
    {
        var readme = File.ReadAllText(Path.Combine(RepositoryRoot.Path, "README.md"));
        Assert.All(Steps(), step => Assert.Contains($"tour/{step}", readme));
        var named = System.Text.RegularExpressions.Regex.Matches(readme, @"tour/[a-z]+/[0-9a-z-]+\.graphql").Select(m => m.Value[5..]);
        Assert.All(named, file => Assert.Contains(file, Steps()));
    }

    private static string TourFolder => Path.Combine(RepositoryRoot.Path, "tour");

    private static List<string> Steps() => Audiences
        .SelectMany(a => Directory.GetFiles(Path.Combine(TourFolder, a), "*.graphql").Order(StringComparer.Ordinal).Select(f => $"{a}/{Path.GetFileName(f)}"))
        .ToList();

    private string? TokenFor(List<string> header, Dictionary<string, JsonObject> answers, string step)
    {
        if (References(header, "# token").FirstOrDefault() is { From: not null } earlier)
        {
            return Pick(answers, earlier.From, step).GetValue<string>();
        }

        if (header.FirstOrDefault(l => l.StartsWith("# token: dev-token ", StringComparison.Ordinal)) is not { } devToken)
        {
            return null;
        }

        // options as a shell passes them: words, or a "quoted value" with spaces (--scope "benefits:read points:exchange")
        Dictionary<string, string> options = System.Text.RegularExpressions.Regex.Matches(devToken["# token: dev-token ".Length..], "\"([^\"]*)\"|(\\S+)")
            .Select(m => m.Groups[1].Success ? m.Groups[1].Value : m.Groups[2].Value).Chunk(2)
            .ToDictionary(pair => pair[0], pair => pair[1]);
        long? Id(string option) => options.GetValueOrDefault(option) is { } id ? long.Parse(id, System.Globalization.CultureInfo.InvariantCulture) : null;
        return _gateway.Token(new TokenSubject(options["--role"], Id("--member-id"), Id("--guide-id"), Id("--store-id"), Id("--partner-id"),
            options.GetValueOrDefault("--scope")));
    }

    /// <summary><c># var name &lt;- file path</c> and <c># token &lt;- file path</c> lines: (name, "file path").</summary>
    private static IEnumerable<(string Name, string From)> References(List<string> header, string prefix) =>
        header.Where(l => l.StartsWith(prefix, StringComparison.Ordinal) && l.Contains(" <- ", StringComparison.Ordinal))
            .Select(l => l[prefix.Length..].Split(" <- "))
            .Select(parts => (parts[0].Trim(), parts[1].Trim()));

    private static JsonNode Pick(Dictionary<string, JsonObject> answers, string from, string step)
    {
        var (file, path) = (from.Split(' ')[0], from.Split(' ')[1]);
        Assert.True(answers.ContainsKey(file), $"{step} needs {file}, which runs later or not at all");
        JsonNode? node = answers[file];
        foreach (var key in path.Split('.'))
        {
            node = node switch
            {
                JsonArray array => array[int.Parse(key, System.Globalization.CultureInfo.InvariantCulture)],
                JsonObject obj => obj[key],
                _ => null,
            };
        }

        return node ?? throw new Xunit.Sdk.XunitException($"{step}: {from} gave nothing");
    }

    /// <summary>Non-empty <c>errors</c> lists of mutation payloads anywhere in the data.</summary>
    private static List<JsonNode> PayloadErrors(JsonNode? node) => node switch
    {
        JsonObject obj => obj.SelectMany(p => p.Key == "errors" && p.Value is JsonArray { Count: > 0 } errors ? [errors] : PayloadErrors(p.Value)).ToList(),
        JsonArray array => array.SelectMany(PayloadErrors).ToList(),
        _ => [],
    };
}

using System.Text.RegularExpressions;
using MemberGraph.Auth;
using MemberGraph.Tests.Infrastructure;

namespace MemberGraph.Tests.Docs;

/// <summary>The README is the newcomer's map: it names only roles a token can carry and each folder once.</summary>
public sealed partial class ReadmeTests
{
    private static readonly string Readme = File.ReadAllText(Path.Combine(RepositoryRoot.Path, "README.md"));

    [Fact]
    public void The_readme_names_who_may_do_what_by_the_roles_of_the_cli_only()
    {
        // given: the roles a token (and dev-token --role) can carry
        Assert.Equal(["admin", "guide", "ingestion", "member", "partner", "staff"], Roles.All.Order(StringComparer.Ordinal));

        // when: words that read like a role but are none
        var strays = OperatorWord().Matches(Readme).Select(m => m.Value).ToList();

        // then
        Assert.True(strays.Count == 0, $"'operator(s)' is no role a token can carry (use admin): {string.Join(", ", strays)}");
    }

    [Fact]
    public void The_layout_lists_each_folder_once()
    {
        // given
        var layout = Readme[Readme.IndexOf("## Layout", StringComparison.Ordinal)..];
        layout = layout[..layout.IndexOf("\n## ", 3, StringComparison.Ordinal)];

        // when: the first column of the indented listing
        var entries = layout.Split('\n').Select(l => LayoutEntry().Match(l)).Where(m => m.Success).Select(m => m.Groups[1].Value).ToList();

        // then
        Assert.Contains("bench/", entries);
        Assert.Equal(entries.Distinct().ToList(), entries);
    }

    [GeneratedRegex(@"\boperators?\b", RegexOptions.IgnoreCase)]
    private static partial Regex OperatorWord();

    [GeneratedRegex(@"^    (\S+)\s{2,}")]
    private static partial Regex LayoutEntry();
}

using System.Text.RegularExpressions;
using MemberGraph.Tests.Infrastructure;

namespace MemberGraph.Tests.Architecture;

/// <summary>
/// The files bound for <c>src/MemberGraph.Core</c> (issue 12) name nothing of GraphQL: every file of the gateway outside
/// <c>GraphQL/</c> and <c>Hosting/</c> except the API-side ones (graph types, queries, mutations, subscriptions,
/// DataLoaders, node resolvers, payloads, a feature's fields on Member or Guide, and the resolver helpers listed below).
/// The compiler takes over once Core is its own project without a GraphQL reference; then this test goes.
/// </summary>
public sealed partial class DomainHasNoGraphQLTests
{
    private static readonly string Gateway = Path.Combine(RepositoryRoot.Path, "src", "MemberGraph.Api");

    private static readonly string[] CoreFolders =
        ["Audit", "Auth", "Commission", "Coupons", "Data", "Domain", "Guides", "Jobs", "Members", "Orders", "Partners", "Points", "Realtime",
         "Seeding", "Segments", "Stores", "Tags", "Tencent", "Tiers"];

    /// <summary>Helpers of resolvers that keep their state in the request's GraphQLContext: they go with the graph types.</summary>
    private static readonly string[] ResolverHelpers = ["Members/MemberSelf.cs", "Members/ShownAtTill.cs", "Members/ReducedCard.cs", "Realtime/SubscriberStreams.cs"];

    [Fact]
    public void Files_bound_for_core_import_nothing_of_GraphQL()
    {
        // given
        var coreFiles = CoreFiles();
        Assert.Contains("Domain/Outcome.cs", coreFiles);
        Assert.Contains("Orders/OrderService.cs", coreFiles);
        Assert.DoesNotContain("Orders/OrderMutations.cs", coreFiles);

        // when
        var offenders = coreFiles
            .SelectMany(file => File.ReadLines(Path.Combine(Gateway, file))
                .Where(line => !line.TrimStart().StartsWith("//", StringComparison.Ordinal) && GraphQLName().IsMatch(line))
                .Select(line => $"{file}: {line.Trim()}"))
            .ToList();

        // then
        Assert.True(offenders.Count == 0, "Move the GraphQL part to an API-side file:\n" + string.Join("\n", offenders));
    }

    private static List<string> CoreFiles() =>
        CoreFolders
            .SelectMany(folder => Directory.EnumerateFiles(Path.Combine(Gateway, folder), "*.cs", SearchOption.AllDirectories))
            .Select(path => Path.GetRelativePath(Gateway, path).Replace('\\', '/'))
            .Where(file => !ApiSideFile().IsMatch(file) && !ResolverHelpers.Contains(file))
            .Order(StringComparer.Ordinal)
            .ToList();

    [GeneratedRegex(@"(GraphTypes|Type|Queries|Mutations|Subscriptions|DataLoaders|NodeResolver|Payloads|InputTypes|EnumTypes|(Member|Guide|MemberTag)Fields)\.cs$")]
    private static partial Regex ApiSideFile();

    /// <summary>A using of GraphQL.NET, its parser or MemberGraph.GraphQL, or a name qualified with either.</summary>
    [GeneratedRegex(@"^\s*using\s+(static\s+)?(global::)?(GraphQL|GraphQLParser|MemberGraph\.GraphQL)\b|\b(global::GraphQL|MemberGraph\.GraphQL|GraphQL\.[A-Z]\w*\.)")]
    private static partial Regex GraphQLName();
}

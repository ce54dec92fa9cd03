using System.Reflection;
using MemberGraph.Data;
using MemberGraph.GraphQL;

namespace MemberGraph.Tests.Architecture;

/// <summary>
/// MemberGraph.Core has no GraphQL package, so the compiler refuses any Core file that names GraphQL: the dependency
/// runs from the Api to Core and never back. This test guards the project itself: it fails when Core (or a library Core
/// references) comes to reference a GraphQL assembly, as it would once someone adds the package and uses it.
/// </summary>
public sealed class CoreHasNoGraphQLTests
{
    [Fact]
    public void Core_references_no_GraphQL_assembly_directly_or_through_its_libraries()
    {
        // given
        var core = typeof(MemberGraphDb).Assembly;
        var api = typeof(MemberGraphSchema).Assembly;

        // when
        var fromCore = GraphQLAssembliesReachableFrom(core);
        var fromApi = GraphQLAssembliesReachableFrom(api);

        // then
        Assert.Equal("MemberGraph.Core", core.GetName().Name);
        Assert.True(fromCore.Count == 0, "MemberGraph.Core reaches " + string.Join(", ", fromCore));
        Assert.Contains("GraphQL", fromApi); // the walk does find GraphQL where it is
    }

    /// <summary>Names starting with "GraphQL" among the assemblies <paramref name="start"/> references, transitively.</summary>
    private static List<string> GraphQLAssembliesReachableFrom(Assembly start)
    {
        var found = new SortedSet<string>(StringComparer.Ordinal);
        var seen = new HashSet<string>(StringComparer.Ordinal) { start.GetName().Name! };
        var pending = new Queue<Assembly>([start]);
        while (pending.TryDequeue(out var assembly))
        {
            foreach (var reference in assembly.GetReferencedAssemblies())
            {
                var name = reference.Name!;
                if (name.StartsWith("GraphQL", StringComparison.Ordinal))
                {
                    found.Add(name);
                }
                else if (!IsPlatform(name) && seen.Add(name))
                {
                    pending.Enqueue(Assembly.Load(reference));
                }
            }
        }

        return [.. found];
    }

    /// <summary>The runtime and Microsoft's libraries (ASP.NET Core, EF Core, ...), which reference no GraphQL.</summary>
    private static bool IsPlatform(string name) =>
        name.StartsWith("System", StringComparison.Ordinal) || name.StartsWith("Microsoft", StringComparison.Ordinal)
        || name is "netstandard" or "mscorlib";
}

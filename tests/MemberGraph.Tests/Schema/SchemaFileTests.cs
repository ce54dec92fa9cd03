using MemberGraph.GraphQL;
using MemberGraph.Tests.Infrastructure;

namespace MemberGraph.Tests.Schema;

public sealed class SchemaFileTests
{
    [Fact]
    public async Task The_committed_schema_file_equals_the_printed_schema()
    {
        // given
        await using var gateway = await GatewayHost.StartAsync();
        var printed = SchemaPrinter.Print(gateway.Service<MemberGraphSchema>());
        var path = Path.Combine(RepositoryRoot.Path, "schema", "schema.graphql");

        // when
        var committed = File.Exists(path) ? (await File.ReadAllTextAsync(path)).ReplaceLineEndings("\n") : "";

        // then
        if (committed != printed)
        {
            Assert.Fail($"schema/schema.graphql differs from the printed schema. Regenerate it with:\n" +
                        "  dotnet run --project src/MemberGraph.Api -- print-schema > schema/schema.graphql\n" +
                        $"First difference at character {FirstDifference(committed, printed)}.");
        }
    }

    private static int FirstDifference(string a, string b)
    {
        var i = 0;
        while (i < a.Length && i < b.Length && a[i] == b[i])
        {
            i++;
        }

        return i;
    }
}

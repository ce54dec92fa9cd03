using MemberGraph.GraphQL;
using MemberGraph.Tests.Infrastructure;
using Snapshooter.Xunit;

namespace MemberGraph.Tests.Schema;

/// <summary>The printed SDL: the committed <c>schema/schema.graphql</c> and its Snapshooter snapshot (one gateway for both).</summary>
public sealed class SchemaFileTests(GatewayFixture fixture) : IClassFixture<GatewayFixture>
{
    [Fact]
    public async Task The_committed_schema_file_equals_the_printed_schema()
    {
        // given
        var gateway = fixture.Gateway;
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

    /// <summary>
    /// The same SDL as a Snapshooter snapshot, beside the check above: a change fails with Snapshooter's line diff, and the
    /// new SDL is written to <c>__snapshots__/__mismatch__/</c>. The snapshot holds the text of <c>schema/schema.graphql</c>,
    /// so an intended change updates both: the schema file with print-schema as above, the snapshot by running this class
    /// with <c>UPDATE_SNAPSHOTS=1</c> (see <see cref="Snapshots"/>).
    /// </summary>
    [Fact]
    public void The_printed_schema_matches_its_snapshot()
    {
        var snapshot = Snapshot.FullName();

        var printed = SchemaPrinter.Print(fixture.Gateway.Service<MemberGraphSchema>());

        Snapshots.Match(printed, snapshot);
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

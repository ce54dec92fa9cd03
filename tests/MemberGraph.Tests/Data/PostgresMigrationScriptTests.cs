using MemberGraph.Data;
using MemberGraph.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace MemberGraph.Tests.Data;

/// <summary>
/// The PostgreSQL DDL, generated without a server from its design-time factory and kept as a committed snapshot (as the
/// SQL Server one is), so every schema change shows up in review as SQL. The concurrency suites apply the same
/// migrations to a real server (<see cref="PostgresCluster"/>).
/// </summary>
public sealed class PostgresMigrationScriptTests
{
    private static string SnapshotPath => Path.Combine(RepositoryRoot.Path, "tests", "MemberGraph.Tests", "Data", "__snapshots__", "PostgresMigrationScript.sql");

    [Fact]
    public async Task The_idempotent_PostgreSQL_script_equals_the_committed_snapshot()
    {
        // given
        var script = GenerateIdempotentScript();

        // when
        if (Environment.GetEnvironmentVariable("UPDATE_SNAPSHOTS") == "1")
        {
            await File.WriteAllTextAsync(SnapshotPath, script);
        }

        var committed = File.Exists(SnapshotPath) ? (await File.ReadAllTextAsync(SnapshotPath)).ReplaceLineEndings("\n") : "";

        // then
        Assert.True(committed == script,
            $"The PostgreSQL migration script differs from {SnapshotPath}. Regenerate it with:\n" +
            "  UPDATE_SNAPSHOTS=1 dotnet test tests/MemberGraph.Tests --filter FullyQualifiedName~PostgresMigrationScriptTests");
    }

    [Fact]
    public void The_script_creates_every_table_times_with_time_zone_and_the_filtered_unique_indexes()
    {
        // given
        using var db = new PostgresDesignTimeFactory().CreateDbContext([]);
        var tables = db.Model.GetEntityTypes().Select(e => e.GetTableName()).OfType<string>().Distinct().ToList();
        var filtered = db.Model.GetEntityTypes().SelectMany(e => e.GetIndexes()).Where(i => i.IsUnique && i.GetFilter() is not null).ToList();

        // when
        var script = GenerateIdempotentScript();

        // then
        Assert.NotEmpty(tables);
        Assert.All(tables, table => Assert.Contains($"CREATE TABLE \"{table}\" (", script));
        Assert.Contains("timestamp with time zone", script);
        Assert.DoesNotContain("timestamp without time zone", script);
        Assert.Contains(filtered, i => i.GetDatabaseName() == "IX_GuideRelationships_OneOpenExclusive");
        Assert.All(filtered, index => Assert.Contains($"CREATE UNIQUE INDEX \"{index.GetDatabaseName()}\" ON \"{index.DeclaringEntityType.GetTableName()}\"", script));
    }

    [Fact]
    public void The_PostgreSQL_migrations_are_up_to_date_and_map_the_same_columns_as_SQLite()
    {
        // given
        using var postgres = new PostgresDesignTimeFactory().CreateDbContext([]);
        using var sqlite = new SqliteDesignTimeFactory().CreateDbContext([]);

        // then
        Assert.False(postgres.Database.HasPendingModelChanges(), "The PostgreSQL migrations lag the model: scripts/add-migration.sh NAME");
        Assert.Equal(SnapshotColumns(sqlite), SnapshotColumns(postgres));
    }

    private static string GenerateIdempotentScript()
    {
        using var db = new PostgresDesignTimeFactory().CreateDbContext([]);
        return db.GetService<IMigrator>().GenerateScript(options: MigrationsSqlGenerationOptions.Idempotent).ReplaceLineEndings("\n");
    }

    private static List<string> SnapshotColumns(DbContext db)
    {
        var snapshot = db.GetService<IMigrationsAssembly>().ModelSnapshot
                       ?? throw new Xunit.Sdk.XunitException($"{db.GetType().Name} has no model snapshot.");
        return snapshot.Model.GetEntityTypes()
            .Where(e => e.GetTableName() is not null)
            .SelectMany(e => e.GetProperties().Select(p => $"{e.GetTableName()}.{p.GetColumnName()}"))
            .Distinct()
            .Order(StringComparer.Ordinal)
            .ToList();
    }
}

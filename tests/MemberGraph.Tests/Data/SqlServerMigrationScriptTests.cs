using MemberGraph.Data;
using MemberGraph.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace MemberGraph.Tests.Data;

/// <summary>
/// The production DDL, generated without a server from the SQL Server design-time factory: the idempotent script
/// is kept as a committed snapshot so every schema change shows up in review as SQL.
/// </summary>
public sealed class SqlServerMigrationScriptTests
{
    private const string Regenerate =
        "Regenerate the snapshot with:\n" +
        "  UPDATE_SNAPSHOTS=1 dotnet test tests/MemberGraph.Tests --filter FullyQualifiedName~SqlServerMigrationScriptTests\n" +
        "and commit tests/MemberGraph.Tests/Data/__snapshots__/SqlServerMigrationScript.sql.";

    private static string SnapshotPath => Path.Combine(RepositoryRoot.Path, "tests", "MemberGraph.Tests", "Data", "__snapshots__", "SqlServerMigrationScript.sql");

    [Fact]
    public async Task The_idempotent_SQL_Server_script_equals_the_committed_snapshot()
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
        if (committed != script)
        {
            Assert.Fail($"The SQL Server migration script differs from {SnapshotPath} " +
                        $"(first difference at line {FirstDifferentLine(committed, script)}).\n{Regenerate}");
        }
    }

    [Fact]
    public void The_script_creates_a_table_for_every_entity_type()
    {
        // given
        using var db = new SqlServerDesignTimeFactory().CreateDbContext([]);
        var tables = db.Model.GetEntityTypes().Select(e => e.GetTableName()).OfType<string>().Distinct().ToList();

        // when
        var script = GenerateIdempotentScript();

        // then
        Assert.NotEmpty(tables);
        Assert.All(tables, table => Assert.Contains($"CREATE TABLE [{table}] (", script));
    }

    [Fact]
    public void The_script_creates_the_filtered_unique_indexes_with_their_filters()
    {
        // given
        using var db = new SqlServerDesignTimeFactory().CreateDbContext([]);
        var filtered = db.Model.GetEntityTypes()
            .SelectMany(e => e.GetIndexes())
            .Where(i => i.IsUnique && i.GetFilter() is not null)
            .ToList();

        // when
        var script = GenerateIdempotentScript();

        // then
        Assert.Contains(filtered, i => i.GetDatabaseName() == "IX_GuideRelationships_OneOpenExclusive");
        Assert.All(filtered, index => Assert.Contains(
            $"CREATE UNIQUE INDEX [{index.GetDatabaseName()}] ON [{index.DeclaringEntityType.GetTableName()}]", script));
        // Filtered indexes go through EXEC(N'...') in an idempotent script, so quotes in the filter are doubled.
        Assert.All(filtered, index => Assert.Contains($"WHERE {index.GetFilter()!.Replace("'", "''")}", script));
    }

    [Fact]
    public void The_script_is_idempotent_every_migration_is_guarded_by_the_history_table()
    {
        // given
        using var db = new SqlServerDesignTimeFactory().CreateDbContext([]);
        var migrations = db.Database.GetMigrations().ToList();

        // when
        var script = GenerateIdempotentScript();

        // then
        Assert.NotEmpty(migrations);
        Assert.All(migrations, id => Assert.Contains($"IF NOT EXISTS (\n    SELECT * FROM [__EFMigrationsHistory]\n    WHERE [MigrationId] = N'{id}'\n)", script));
    }

    [Fact]
    public void Both_providers_migrations_are_up_to_date_with_the_model()
    {
        // given
        using var sqlServer = new SqlServerDesignTimeFactory().CreateDbContext([]);
        using var sqlite = new SqliteDesignTimeFactory().CreateDbContext([]);

        // then
        Assert.False(sqlServer.Database.HasPendingModelChanges(),
            "The SQL Server migrations lag the model: rm -rf src/MemberGraph.Core/Data/Migrations && scripts/add-migration.sh Initial");
        Assert.False(sqlite.Database.HasPendingModelChanges(),
            "The SQLite migrations lag the model: rm -rf src/MemberGraph.Core/Data/Migrations && scripts/add-migration.sh Initial");
    }

    [Fact]
    public void The_SQLite_and_SQL_Server_model_snapshots_have_the_same_tables_and_columns()
    {
        // given
        using var sqlServer = new SqlServerDesignTimeFactory().CreateDbContext([]);
        using var sqlite = new SqliteDesignTimeFactory().CreateDbContext([]);

        // when
        var sqlServerColumns = SnapshotColumns(sqlServer);
        var sqliteColumns = SnapshotColumns(sqlite);

        // then
        Assert.NotEmpty(sqlServerColumns);
        Assert.Equal(sqliteColumns, sqlServerColumns);
    }

    private static string GenerateIdempotentScript()
    {
        using var db = new SqlServerDesignTimeFactory().CreateDbContext([]);
        var migrator = db.GetService<IMigrator>();
        return migrator.GenerateScript(options: MigrationsSqlGenerationOptions.Idempotent).ReplaceLineEndings("\n");
    }

    /// <summary>"Table.Column" for every column the provider's committed model snapshot maps.</summary>
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

    private static int FirstDifferentLine(string a, string b)
    {
        var left = a.Split('\n');
        var right = b.Split('\n');
        var i = 0;
        while (i < left.Length && i < right.Length && left[i] == right[i])
        {
            i++;
        }

        return i + 1;
    }
}

using System.Data.Common;
using System.Globalization;
using MemberGraph.Data;
using MemberGraph.GraphQL.TrustedDocuments;
using MemberGraph.Tencent.Sandbox;
using Microsoft.Data.SqlClient;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Storage;

namespace MemberGraph.Hosting;

/// <summary>
/// Runs before the host starts (migrations, then the Quartz store, which on SQL Server or PostgreSQL lives in the same database). A Tencent
/// sandbox asked for where it is refused (<see cref="TencentSandboxMode"/>) stops the start first, and so does
/// <c>GraphQL:TrustedDocumentsOnly</c> without a usable manifest (<see cref="TrustedDocumentGate"/>); then the database server
/// is reached once. One that does not answer is an operational condition, not a bug, so it is one log
/// line and exit code 1, no stack trace; the orchestrator's restart policy tries again (docker-compose.yml restarts the
/// gateway). A database that does not exist yet is fine here: the migrations create it where the login may.
/// </summary>
public static class StartupCheck
{
    public static async Task<bool> PassesAsync(IServiceProvider services, CancellationToken cancellationToken = default)
    {
        var logger = services.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(StartupCheck));
        if (services.GetRequiredService<TencentSandboxMode>().Refusal is { } refusal)
        {
            logger.LogCritical("{Refusal}", refusal);
            return false;
        }

        if (services.GetRequiredService<TrustedDocumentGate>() is { Enforced: true, Problem: { } missing })
        {
            // Held to trusted documents without a list of them, every app request would be refused: do not start at all.
            logger.LogCritical("GraphQL:TrustedDocumentsOnly is on, but {Problem}", missing);
            return false;
        }

        var database = services.GetRequiredService<DatabaseProvider>();
        if (database.IsSqlServer && GlobalizationIsInvariant())
        {
            // Microsoft.Data.SqlClient refuses to open a connection in invariant mode (it needs the server's collations).
            logger.LogCritical(
                "SQL Server needs ICU, but .NET runs in globalization-invariant mode: install the OS package libicu (libicu72 on Debian 12, " +
                "libicu74 on Ubuntu 24.04) and unset DOTNET_SYSTEM_GLOBALIZATION_INVARIANT");
            return false;
        }

        try
        {
            await using var db = await services.GetRequiredService<IDbContextFactory<MemberGraphDb>>().CreateDbContextAsync(cancellationToken);
            await db.GetService<IRelationalDatabaseCreator>().ExistsAsync(cancellationToken);
            return true;
        }
        catch (DbException ex)
        {
            logger.LogCritical("Cannot reach the database ({Database}): {Reason}", Describe(database), ex.Message.ReplaceLineEndings(" "));
            return false;
        }
    }

    /// <summary>Server and database, never the credentials.</summary>
    private static string Describe(DatabaseProvider database)
    {
        if (database.IsSqlite)
        {
            return $"SQLite {new DbConnectionStringBuilder { ConnectionString = database.ConnectionString }["Data Source"]}";
        }

        if (database.IsPostgres)
        {
            var postgres = new Npgsql.NpgsqlConnectionStringBuilder(database.ConnectionString);
            return $"PostgreSQL {postgres.Host}:{postgres.Port}, database {postgres.Database}, connect timeout {postgres.Timeout} s";
        }

        var sql = new SqlConnectionStringBuilder(database.ConnectionString);
        return $"SQL Server {sql.DataSource}, database {sql.InitialCatalog}, connect timeout {sql.ConnectTimeout} s";
    }

    /// <summary>
    /// Invariant mode is set by System.Globalization.Invariant or DOTNET_SYSTEM_GLOBALIZATION_INVARIANT; in it no culture
    /// but the invariant one exists (it is refused, or comes back as the invariant culture).
    /// </summary>
    private static bool GlobalizationIsInvariant()
    {
        try
        {
            return CultureInfo.GetCultureInfo("en-US").EnglishName.Contains("Invariant", StringComparison.Ordinal);
        }
        catch (CultureNotFoundException)
        {
            return true;
        }
    }
}

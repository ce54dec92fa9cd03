using System.Data.Common;
using Microsoft.Extensions.Options;

namespace MemberGraph.Data;

/// <summary>The database engines MemberGraph has migrations for.</summary>
public enum DatabaseKind
{
    Sqlite,
    SqlServer,
    Postgres,
}

/// <summary>
/// Which database the gateway runs on: SQL Server when <c>ConnectionStrings:Sql</c> is set, PostgreSQL when
/// <c>ConnectionStrings:Postgres</c> is set, else the SQLite file. Both server strings at once is refused: picking one
/// silently would let a gateway write to the database nobody meant it to.
/// </summary>
public sealed record DatabaseProvider(DatabaseKind Kind, string ConnectionString)
{
    public bool IsSqlite => Kind == DatabaseKind.Sqlite;
    public bool IsSqlServer => Kind == DatabaseKind.SqlServer;
    public bool IsPostgres => Kind == DatabaseKind.Postgres;

    /// <summary>The engine's name as people say it, for logs and messages.</summary>
    public string Name => Kind switch
    {
        DatabaseKind.SqlServer => "SQL Server",
        DatabaseKind.Postgres => "PostgreSQL",
        _ => "SQLite",
    };

    public static DatabaseProvider From(IConfiguration configuration, string dataDir)
    {
        var sql = configuration.GetConnectionString("Sql");
        var postgres = configuration.GetConnectionString("Postgres");
        if (!string.IsNullOrWhiteSpace(sql) && !string.IsNullOrWhiteSpace(postgres))
        {
            throw new InvalidOperationException(
                "Both ConnectionStrings:Sql (SQL Server) and ConnectionStrings:Postgres (PostgreSQL) are set: set only the one the gateway should use.");
        }

        if (!string.IsNullOrWhiteSpace(sql))
        {
            return new DatabaseProvider(DatabaseKind.SqlServer, sql);
        }

        if (!string.IsNullOrWhiteSpace(postgres))
        {
            return new DatabaseProvider(DatabaseKind.Postgres, WithPreparedStatements(postgres));
        }

        var sqlite = configuration.GetConnectionString("Sqlite");
        if (string.IsNullOrWhiteSpace(sqlite))
        {
            sqlite = $"Data Source={Path.Combine(dataDir, "membergraph.db")}";
        }

        return new DatabaseProvider(DatabaseKind.Sqlite, sqlite);
    }

    /// <summary>
    /// PostgreSQL parses and plans every statement it is sent unless the statement was prepared on that connection, and the
    /// gateway sends the same few hundred statements over and over: unless the connection string says otherwise, Npgsql
    /// prepares a statement on a connection once it has run there <see cref="AutoPrepareMinUsages"/> times, and keeps up to
    /// <see cref="MaxAutoPrepare"/> of them per connection (the least recently used go first). <c>Max Auto Prepare=0</c>
    /// turns it off (a pooler that cannot carry prepared statements, such as PgBouncer before 1.21 in transaction mode).
    /// </summary>
    public static string WithPreparedStatements(string connectionString)
    {
        var builder = new DbConnectionStringBuilder { ConnectionString = connectionString };
        if (!builder.ContainsKey("Max Auto Prepare") && !builder.ContainsKey("MaxAutoPrepare"))
        {
            builder["Max Auto Prepare"] = MaxAutoPrepare;
            if (!builder.ContainsKey("Auto Prepare Min Usages") && !builder.ContainsKey("AutoPrepareMinUsages"))
            {
                builder["Auto Prepare Min Usages"] = AutoPrepareMinUsages;
            }
        }

        return builder.ConnectionString;
    }

    /// <summary>Statements kept prepared per PostgreSQL connection, by default (Npgsql warns above 256).</summary>
    public const int MaxAutoPrepare = 256;

    /// <summary>Runs of a statement on a connection before Npgsql prepares it there, by default.</summary>
    public const int AutoPrepareMinUsages = 2;
}

/// <summary>Resolves the data folder once, creating it if needed.</summary>
public sealed class DataFolder
{
    public DataFolder(IOptions<MemberGraphOptions> options, IHostEnvironment environment)
        : this(options.Value.DataDir, environment.ContentRootPath)
    {
    }

    public DataFolder(string dataDir, string contentRoot)
    {
        Path = System.IO.Path.GetFullPath(System.IO.Path.IsPathRooted(dataDir) ? dataDir : System.IO.Path.Combine(contentRoot, dataDir));
        Directory.CreateDirectory(Path);
    }

    public string Path { get; }
}

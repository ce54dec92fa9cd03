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
            return new DatabaseProvider(DatabaseKind.Postgres, postgres);
        }

        var sqlite = configuration.GetConnectionString("Sqlite");
        if (string.IsNullOrWhiteSpace(sqlite))
        {
            sqlite = $"Data Source={Path.Combine(dataDir, "membergraph.db")}";
        }

        return new DatabaseProvider(DatabaseKind.Sqlite, sqlite);
    }
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

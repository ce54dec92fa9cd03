using Microsoft.Extensions.Options;

namespace MemberGraph.Data;

/// <summary>Which database the gateway runs on: SQL Server when <c>ConnectionStrings:Sql</c> is set, else the SQLite file.</summary>
public sealed record DatabaseProvider(bool IsSqlServer, string ConnectionString)
{
    public static DatabaseProvider From(IConfiguration configuration, string dataDir)
    {
        var sql = configuration.GetConnectionString("Sql");
        if (!string.IsNullOrWhiteSpace(sql))
        {
            return new DatabaseProvider(true, sql);
        }

        var sqlite = configuration.GetConnectionString("Sqlite");
        if (string.IsNullOrWhiteSpace(sqlite))
        {
            sqlite = $"Data Source={Path.Combine(dataDir, "membergraph.db")}";
        }

        return new DatabaseProvider(false, sqlite);
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

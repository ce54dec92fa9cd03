using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace MemberGraph.Data;

/// <summary>Lets <c>dotnet ef</c> build the SQLite model without starting the gateway.</summary>
public sealed class SqliteDesignTimeFactory : IDesignTimeDbContextFactory<SqliteMemberGraphDb>
{
    public SqliteMemberGraphDb CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<SqliteMemberGraphDb>().UseSqlite("Data Source=design-time.db").Options);
}

/// <summary>Lets <c>dotnet ef</c> generate SQL Server migrations and scripts without a server.</summary>
public sealed class SqlServerDesignTimeFactory : IDesignTimeDbContextFactory<SqlServerMemberGraphDb>
{
    public SqlServerMemberGraphDb CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<SqlServerMemberGraphDb>().UseSqlServer("Server=design-time;Database=MemberGraph;Trusted_Connection=True;TrustServerCertificate=True").Options);
}

/// <summary>Lets <c>dotnet ef</c> generate PostgreSQL migrations and scripts without a server.</summary>
public sealed class PostgresDesignTimeFactory : IDesignTimeDbContextFactory<PostgresMemberGraphDb>
{
    public PostgresMemberGraphDb CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<PostgresMemberGraphDb>().UseNpgsql("Host=design-time;Database=membergraph").Options);
}

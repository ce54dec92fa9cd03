using MemberGraph.Data;
using MemberGraph.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Npgsql;

namespace MemberGraph.Tests.Data;

/// <summary>
/// PostgreSQL statements the gateway repeats are prepared on their connection (Npgsql's automatic preparation), unless the
/// connection string says how; the other engines' connection strings are left as given.
/// </summary>
public sealed class PreparedStatementsTests
{
    [Fact]
    public void A_postgres_connection_string_without_a_say_prepares_what_repeats()
    {
        // when
        var provider = Provider(("Postgres", "Host=db.internal;Port=5433;Database=membergraph;Username=gateway;Password=s3cret"));

        // then: the defaults are added, and everything given is kept
        var given = new NpgsqlConnectionStringBuilder(provider.ConnectionString);
        Assert.Equal(DatabaseKind.Postgres, provider.Kind);
        Assert.Equal((DatabaseProvider.MaxAutoPrepare, DatabaseProvider.AutoPrepareMinUsages), (given.MaxAutoPrepare, given.AutoPrepareMinUsages));
        Assert.Equal(("db.internal", 5433, "membergraph", "gateway", "s3cret"), (given.Host, given.Port, given.Database, given.Username, given.Password));
    }

    [Theory]
    [InlineData("Host=db;Database=mg;Max Auto Prepare=0", 0, 5)]
    [InlineData("Host=db;Database=mg;Max Auto Prepare=20;Auto Prepare Min Usages=7", 20, 7)]
    [InlineData("Host=db;Database=mg;MaxAutoPrepare=30", 30, 5)]
    public void A_postgres_connection_string_that_says_how_to_prepare_is_obeyed(string connectionString, int maxAutoPrepare, int minUsages)
    {
        // when
        var provider = Provider(("Postgres", connectionString));

        // then: Npgsql's own default (5 usages) stands where the string set only the maximum
        var given = new NpgsqlConnectionStringBuilder(provider.ConnectionString);
        Assert.Equal((maxAutoPrepare, minUsages), (given.MaxAutoPrepare, given.AutoPrepareMinUsages));
    }

    [Theory]
    [InlineData("Sqlite", "Data Source=/var/lib/membergraph/membergraph.db")]
    [InlineData("Sql", "Server=sql.internal;Database=MemberGraph;User Id=gateway;Password=s3cret;TrustServerCertificate=true")]
    public void Other_engines_connection_strings_are_left_as_given(string name, string connectionString)
    {
        // when
        var provider = Provider((name, connectionString));

        // then
        Assert.Equal(connectionString, provider.ConnectionString);
    }

    [Fact]
    public async Task On_postgres_the_gateways_contexts_prepare_a_statement_they_repeat()
    {
        // given: a gateway on PostgreSQL and one of its contexts, holding its connection
        await using var gateway = await GatewayHost.StartAsync(database: DatabaseKind.Postgres);
        await using var db = gateway.Db();
        await db.Database.OpenConnectionAsync();
        var before = await PreparedAsync(db);

        // when: the same read runs three times on it
        for (var i = 0; i < 3; i++)
        {
            await db.Members.Where(m => m.Id == i).Select(m => m.DisplayName).FirstOrDefaultAsync();
        }

        // then: the connection holds that statement prepared
        var after = await PreparedAsync(db);
        Assert.Equal(0, before);
        Assert.Equal(1, after);
    }

    private static DatabaseProvider Provider((string Name, string Value) connectionString) =>
        DatabaseProvider.From(new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { [$"ConnectionStrings:{connectionString.Name}"] = connectionString.Value })
            .Build(), Path.GetTempPath());

    /// <summary>Statements prepared on this connection that read the members' display names.</summary>
    private static async Task<int> PreparedAsync(MemberGraphDb db) =>
        await db.Database.SqlQueryRaw<int>("""SELECT count(*)::int AS "Value" FROM pg_prepared_statements WHERE statement LIKE '%"DisplayName"%' AND statement NOT LIKE '%pg_prepared_statements%'""").SingleAsync();
}

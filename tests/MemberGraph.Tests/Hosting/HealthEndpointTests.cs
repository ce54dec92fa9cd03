using System.Net;
using MemberGraph.Data;
using MemberGraph.Hosting;
using MemberGraph.Tests.Infrastructure;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace MemberGraph.Tests.Hosting;

public sealed class HealthEndpointTests
{
    [Fact]
    public async Task A_started_gateway_is_live_and_ready()
    {
        // given
        await using var gateway = await GatewayHost.StartAsync();

        // when
        var live = await gateway.Http.GetAsync("/healthz");
        var ready = await gateway.Http.GetAsync("/readyz");

        // then
        Assert.Equal(HttpStatusCode.OK, live.StatusCode);
        Assert.Equal("Healthy", await live.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
        Assert.Equal("Healthy", await ready.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task When_the_database_disappears_the_gateway_is_not_ready_but_still_live_and_recovers()
    {
        // given
        await using var gateway = await GatewayHost.StartAsync();
        var moved = gateway.DataDir + "-moved";

        // when: the database file's folder goes away under the running gateway
        Directory.Move(gateway.DataDir, moved);
        SqliteConnection.ClearAllPools();
        HttpResponseMessage gone, live;
        try
        {
            gone = await gateway.Http.GetAsync("/readyz");
            live = await gateway.Http.GetAsync("/healthz");
        }
        finally
        {
            Directory.Move(moved, gateway.DataDir);
        }

        var back = await gateway.Http.GetAsync("/readyz");

        // then
        Assert.Equal(HttpStatusCode.ServiceUnavailable, gone.StatusCode);
        Assert.Equal("Unhealthy", await gone.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.OK, live.StatusCode);
        Assert.Equal(HttpStatusCode.OK, back.StatusCode);
    }

    [Fact]
    public async Task A_reachable_database_without_the_migrations_is_not_ready()
    {
        // given: an empty SQLite file
        var folder = ApiProcess.TempFolder();
        try
        {
            var connectionString = $"Data Source={Path.Combine(folder, "empty.db")}";
            await using (var connection = new SqliteConnection(connectionString))
            {
                await connection.OpenAsync();
            }

            var options = new DbContextOptionsBuilder<SqliteMemberGraphDb>().UseSqlite(connectionString).Options;
            var check = new DatabaseHealthCheck(new Factory(() => new SqliteMemberGraphDb(options)));
            var registration = new HealthCheckRegistration("database", check, HealthStatus.Unhealthy, [HealthEndpoints.ReadyTag]);

            // when
            var result = await check.CheckHealthAsync(new HealthCheckContext { Registration = registration });

            // then
            Assert.Equal(HealthStatus.Unhealthy, result.Status);
            Assert.Contains("migration", result.Description);
        }
        finally
        {
            ApiProcess.DeleteFolder(folder);
        }
    }

    private sealed class Factory(Func<MemberGraphDb> create) : IDbContextFactory<MemberGraphDb>
    {
        public MemberGraphDb CreateDbContext() => create();
    }
}

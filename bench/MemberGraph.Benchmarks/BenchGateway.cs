using MemberGraph.Data;
using MemberGraph.Hosting;
using MemberGraph.Seeding;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace MemberGraph.Benchmarks;

/// <summary>
/// The gateway every scenario measures: the real one (<see cref="GatewayApp"/>), Kestrel on a loopback port, its data
/// folder seeded with the demo brand once, plus the scenario's hand-written endpoints; and an HTTP client with one
/// keep-alive connection per benchmark client.
/// </summary>
internal sealed class BenchGateway : IAsyncDisposable
{
    private BenchGateway(WebApplication app, HttpClient http)
    {
        App = app;
        Http = http;
    }

    public WebApplication App { get; }

    public HttpClient Http { get; }

    /// <summary>The database server's CPU, where it runs apart from the gateway (a PostgreSQL server the bench started); else null.</summary>
    public Postgres.ServerCpu? ServerCpu { get; set; }

    /// <summary>The PostgreSQL database the gateway runs on, for <see cref="Postgres.LockWaits"/>; null on SQLite.</summary>
    public string? PostgresConnectionString { get; private set; }

    public IServiceProvider Services => App.Services;

    /// <summary>
    /// Starts the gateway on SQLite in <c>--data</c>, or on the PostgreSQL database <paramref name="postgres"/> names (migrated at start
    /// and given <see cref="Postgres.BenchWorld"/> instead of the demo brand, which is seeded on SQLite only).
    /// </summary>
    public static async Task<BenchGateway> StartAsync(BenchOptions options, int maxClients, Action<WebApplication> mapHandWritten,
        Action<IServiceCollection>? addServices = null, string? postgres = null)
    {
        Directory.CreateDirectory(options.DataDir);
        var app = GatewayApp.Build(
        [
            "--urls=http://127.0.0.1:0",
            $"--MemberGraph:DataDir={options.DataDir}",
            "--MemberGraph:SeedDemoData=false",
            // No scheduled jobs: their statements would be counted as the requests' (a job firing during the rows check added 3 to a write-off).
            "--Jobs:Scheduler=false",
            "--Logging:LogLevel:Default=Warning",
            .. postgres is null ? Array.Empty<string>() : [$"--ConnectionStrings:Postgres={postgres}"],
            .. options.LogSql ? ["--Logging:LogLevel:Microsoft.EntityFrameworkCore.Database.Command=Information"] : Array.Empty<string>(),
        ], builder =>
        {
            builder.Logging.SetMinimumLevel(LogLevel.Warning);
            builder.Services.AddSingleton<WritePath.HandWrittenStatements>();
            addServices?.Invoke(builder.Services);
        });
        mapHandWritten(app);
        await app.StartAsync();

        var seeder = app.Services.GetRequiredService<DemoSeeder>();
        var seedClock = System.Diagnostics.Stopwatch.StartNew();
        if (postgres is not null)
        {
            await Postgres.BenchWorld.SeedIfEmptyAsync(app.Services.GetRequiredService<IDbContextFactory<MemberGraphDb>>(), Math.Min(options.Members, 1_000));
        }
        else if (await seeder.SeedIfEmptyAsync(options.Members, null, CancellationToken.None))
        {
            Console.WriteLine($"Seeded {options.Members:N0} demo members with their orders in {seedClock.Elapsed.TotalSeconds:F0} s ({options.DataDir}).");
        }

        var baseAddress = new Uri(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());
        var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = maxClients, PooledConnectionLifetime = TimeSpan.FromMinutes(10) })
        {
            BaseAddress = baseAddress,
        };
        return new BenchGateway(app, http) { PostgresConnectionString = postgres };
    }

    public Task<MemberGraphDb> DbAsync() => Services.GetRequiredService<IDbContextFactory<MemberGraphDb>>().CreateDbContextAsync();

    /// <summary>Commands EF Core sent (the gateway's <see cref="SqlCommandCounter"/>).</summary>
    public long SqlStatements => Services.GetRequiredService<SqlCommandCounter>().Count;

    /// <summary>Commands the hand-written endpoints sent on plain ADO.NET.</summary>
    public long HandWrittenStatements => Services.GetRequiredService<WritePath.HandWrittenStatements>().Count;

    public string ProviderName
    {
        get
        {
            using var scope = Services.CreateScope();
            using var db = Services.GetRequiredService<IDbContextFactory<MemberGraphDb>>().CreateDbContext();
            return db.Database.ProviderName?.Split('.').Last() ?? "unknown";
        }
    }

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        await App.StopAsync();
        await App.DisposeAsync();
    }
}

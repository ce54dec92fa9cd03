using MemberGraph.Seeding;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace MemberGraph.Data;

/// <summary>
/// Applies the provider's migrations before the gateway serves (never EnsureCreated), then seeds the demo
/// brand on first start when <c>MemberGraph:SeedDemoData</c> allows (default: on SQLite only).
/// </summary>
public sealed class DatabaseInitializer(
    IDbContextFactory<MemberGraphDb> factory,
    DatabaseProvider provider,
    DemoSeeder seeder,
    IOptions<MemberGraphOptions> options,
    ILogger<DatabaseInitializer> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await MigrateAsync(factory, cancellationToken);
        logger.LogInformation("Database ready ({Provider})", provider.Name);

        var seed = options.Value.SeedDemoData ?? provider.IsSqlite;
        if (seed)
        {
            if (provider.IsPostgres)
            {
                // The bulk seeder writes explicit ids, which PostgreSQL's identity sequences would not follow.
                throw new InvalidOperationException("MemberGraph:SeedDemoData is for SQLite and SQL Server; PostgreSQL databases are not seeded.");
            }

            await seeder.SeedIfEmptyAsync(options.Value.DemoMembers, progress: null, cancellationToken);
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public static async Task MigrateAsync(IDbContextFactory<MemberGraphDb> factory, CancellationToken cancellationToken)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        await db.Database.MigrateAsync(cancellationToken);
    }
}

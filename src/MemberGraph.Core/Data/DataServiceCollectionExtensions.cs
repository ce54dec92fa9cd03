using MemberGraph.Audit;
using Microsoft.EntityFrameworkCore;

namespace MemberGraph.Data;

public static class DataServiceCollectionExtensions
{
    /// <summary>
    /// Registers <see cref="IDbContextFactory{MemberGraphDb}"/> for the configured provider. Resolvers run in
    /// parallel, so every unit of work creates its own short-lived context from the factory.
    /// </summary>
    public static IServiceCollection AddMemberGraphData(this IServiceCollection services, IConfiguration configuration, IHostEnvironment environment)
    {
        services.Configure<MemberGraphOptions>(configuration.GetSection(MemberGraphOptions.Section));
        var options = configuration.GetSection(MemberGraphOptions.Section).Get<MemberGraphOptions>() ?? new MemberGraphOptions();
        var folder = new DataFolder(options.DataDir, environment.ContentRootPath);
        var provider = DatabaseProvider.From(configuration, folder.Path);
        services.AddSingleton(folder);
        services.AddSingleton(provider);
        services.AddSingleton<SqlCommandCounter>();
        services.AddSingleton<OpenConnectionGauge>();
        services.AddSingleton<HeldConnectionYield>();
        services.AddSingleton<DatabaseFailureLog>();
        services.AddSingleton<RowsAtCommit>();

        if (provider.IsSqlServer)
        {
            services.AddPooledDbContextFactory<SqlServerMemberGraphDb>((sp, o) => o
                .UseSqlServer(provider.ConnectionString)
                .AddGatewayInterceptors(sp)
                .LogFailuresThrough(sp.GetRequiredService<DatabaseFailureLog>()));
            services.AddSingleton<IDbContextFactory<MemberGraphDb>, ProviderContextFactory<SqlServerMemberGraphDb>>();
        }
        else if (provider.IsPostgres)
        {
            services.AddPooledDbContextFactory<PostgresMemberGraphDb>((sp, o) => o
                .UseNpgsql(provider.ConnectionString, s => s.CommandTimeout(60))
                .AddInterceptors(new PostgresMicroseconds())
                .AddGatewayInterceptors(sp)
                .LogFailuresThrough(sp.GetRequiredService<DatabaseFailureLog>()));
            services.AddSingleton<IDbContextFactory<MemberGraphDb>, ProviderContextFactory<PostgresMemberGraphDb>>();
        }
        else
        {
            services.AddPooledDbContextFactory<SqliteMemberGraphDb>((sp, o) => o
                .UseSqlite(provider.ConnectionString, s => s.CommandTimeout(60))
                .AddInterceptors(new SqlitePragmas())
                .AddGatewayInterceptors(sp, boundedPool: false)
                .LogFailuresThrough(sp.GetRequiredService<DatabaseFailureLog>()));
            services.AddSingleton<IDbContextFactory<MemberGraphDb>, ProviderContextFactory<SqliteMemberGraphDb>>();
        }

        services.AddHostedService<DatabaseInitializer>();
        services.AddHostedService<SqliteCheckpointer>();
        return services;
    }

    /// <summary>
    /// Every provider's: statements counted, connections gauged, a transaction's audit lines written at its commit, writes refused
    /// before a unit of work began (with the domain events); and with a bounded pool (PostgreSQL, SQL Server) the loaders'
    /// held connection yielding to another the same request opens, so no request waits for a second while holding one.
    /// SQLite's pool has no bound, so nothing can run dry there, and opening a connection is what costs: it keeps it.
    /// </summary>
    private static DbContextOptionsBuilder AddGatewayInterceptors(this DbContextOptionsBuilder options, IServiceProvider sp, bool boundedPool = true)
    {
        options.AddInterceptors(sp.GetRequiredService<SqlCommandCounter>(), sp.GetRequiredService<OpenConnectionGauge>(), sp.GetRequiredService<RowsAtCommit>());
        if (sp.GetService<Domain.WritesBeforeTheTurn>() is { } preparing)
        {
            options.AddInterceptors(preparing); // a unit of work that has not begun its transaction writes nothing
        }

        return boundedPool ? options.AddInterceptors(sp.GetRequiredService<HeldConnectionYield>()) : options;
    }

    /// <summary>EF Core's own error lines for failed commands and saves give way to <see cref="DatabaseFailureLog"/>.</summary>
    private static DbContextOptionsBuilder LogFailuresThrough(this DbContextOptionsBuilder options, DatabaseFailureLog log) => options
        .AddInterceptors(log)
        .ConfigureWarnings(w => w.Log(
            (Microsoft.EntityFrameworkCore.Diagnostics.RelationalEventId.CommandError, LogLevel.Debug),
            (Microsoft.EntityFrameworkCore.Diagnostics.CoreEventId.SaveChangesFailed, LogLevel.Debug)));

    private sealed class ProviderContextFactory<TContext>(IDbContextFactory<TContext> inner) : IDbContextFactory<MemberGraphDb>
        where TContext : MemberGraphDb
    {
        public MemberGraphDb CreateDbContext() => inner.CreateDbContext();
    }
}

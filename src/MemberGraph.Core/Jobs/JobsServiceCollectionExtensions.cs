using MemberGraph.Data;
using Quartz;

namespace MemberGraph.Jobs;

public static class JobsServiceCollectionExtensions
{
    /// <summary>
    /// The job runner (always: runJob works everywhere) and, unless <c>Jobs:Scheduler</c> is false, Quartz:
    /// in-memory by default, the clustered AdoJobStore on SQL Server or PostgreSQL (the gateway's own database) when <c>Jobs:Clustered</c> is true.
    /// </summary>
    public static IServiceCollection AddJobs(this IServiceCollection services, IConfiguration configuration, DatabaseProvider database)
    {
        var section = configuration.GetSection(JobsOptions.Section);
        services.Configure<JobsOptions>(section);
        var options = section.Get<JobsOptions>() ?? new JobsOptions();
        services.AddSingleton<JobRunner>();
        services.AddSingleton<JobLauncher>();
        foreach (var type in typeof(IMemberGraphJob).Assembly.GetTypes().Where(t => t is { IsClass: true, IsAbstract: false } && typeof(IMemberGraphJob).IsAssignableFrom(t)))
        {
            services.AddSingleton(typeof(IMemberGraphJob), type);
        }

        if (!options.Scheduler)
        {
            return services;
        }

        // instanceId AUTO: each gateway instance gets its own id, as clustering requires.
        services.AddQuartz(new System.Collections.Specialized.NameValueCollection { ["quartz.scheduler.instanceName"] = "MemberGraph", ["quartz.scheduler.instanceId"] = "AUTO" }, quartz =>
        {
            if (options.Clustered)
            {
                if (database.IsSqlite)
                {
                    throw new InvalidOperationException("Jobs:Clustered needs SQL Server (ConnectionStrings:Sql) or PostgreSQL (ConnectionStrings:Postgres).");
                }

                quartz.UsePersistentStore(store =>
                {
                    if (database.IsPostgres)
                    {
                        store.UsePostgres(database.ConnectionString);
                    }
                    else
                    {
                        store.UseSqlServer(database.ConnectionString);
                    }

                    store.UseClustering(c => c.CheckinInterval = TimeSpan.FromSeconds(15));
                    store.UseSystemTextJsonSerializer();
                    store.ProvisionSchema();
                });
            }
            else
            {
                quartz.UseInMemoryStore();
            }
        });
        services.AddQuartzHostedService(q => q.WaitForJobsToComplete = true);
        services.AddHostedService<JobScheduleRegistrar>();
        return services;
    }
}

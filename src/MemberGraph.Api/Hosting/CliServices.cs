namespace MemberGraph.Hosting;

/// <summary>
/// What a light CLI command composes: the gateway's configuration (appsettings, environment, <c>--Key=value</c>
/// arguments, read exactly as the gateway reads them) and only the services the command names. Nothing is started.
/// </summary>
internal static class CliServices
{
    public static IServiceProvider Build(string[] configurationArgs, Action<IServiceCollection, IConfiguration, IHostEnvironment> register)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = configurationArgs });
        LogToStandardError(builder);
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(builder.Configuration);
        services.AddSingleton(builder.Environment);
        services.AddLogging(logging => logging.AddConfiguration(builder.Configuration.GetSection("Logging")).SetMinimumLevel(LogLevel.Warning)
            .AddConsole(console => console.LogToStandardErrorThreshold = LogLevel.Trace));
        services.AddSingleton(TimeProvider.System);
        register(services, builder.Configuration, builder.Environment);
        return services.BuildServiceProvider();
    }

    /// <summary>stdout carries the command's output (a token, the schema, a table), so every log line goes to stderr.</summary>
    public static void LogToStandardError(WebApplicationBuilder builder)
    {
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.Logging.AddConsole(console => console.LogToStandardErrorThreshold = LogLevel.Trace);
    }
}

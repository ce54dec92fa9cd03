using GraphQL;
using GraphQL.Types;
using MemberGraph.Auth;
using MemberGraph.Data;
using MemberGraph.GraphQL;
using MemberGraph.Seeding;
using Microsoft.EntityFrameworkCore;

namespace MemberGraph.Hosting;

/// <summary>
/// The small CLI on the gateway binary: <c>dev-token</c>, <c>print-schema</c>, <c>seed --members N</c>.
/// It composes the same services as the gateway (same configuration, same signing key, same database);
/// <c>healthcheck</c> (<see cref="ReadinessProbe"/>) composes nothing: it asks a running gateway.
/// </summary>
public static class Cli
{
    private static readonly string[] Commands = ["dev-token", "print-schema", "seed", ReadinessProbe.Command];

    public static bool IsCommand(string[] args) => args.Length > 0 && Commands.Contains(args[0]);

    public static async Task<int> RunAsync(string[] args)
    {
        if (args[0] == ReadinessProbe.Command)
        {
            return await ReadinessProbe.RunAsync(args[1..]);
        }

        var options = CliOptions.Parse(args[1..]);
        var app = GatewayApp.Build(args[1..].Where(a => a.StartsWith("--", StringComparison.Ordinal) && a.Contains('=')).ToArray(), builder =>
        {
            // stdout carries the command's output (a token, the schema), so every log line goes to stderr.
            builder.Logging.SetMinimumLevel(LogLevel.Warning);
            builder.Logging.AddConsole(console => console.LogToStandardErrorThreshold = LogLevel.Trace);
        });
        try
        {
            return args[0] switch
            {
                "dev-token" => DevToken(app.Services, options),
                "print-schema" => PrintSchema(app.Services),
                "seed" => await SeedAsync(app.Services, options),
                _ => Usage(),
            };
        }
        catch (CliUsageException ex)
        {
            await Console.Error.WriteLineAsync(ex.Message);
            return Usage();
        }
    }

    private static int DevToken(IServiceProvider services, CliOptions options)
    {
        var role = options.Get("role") ?? throw new CliUsageException("dev-token needs --role.");
        if (!Roles.All.Contains(role))
        {
            throw new CliUsageException($"Unknown role '{role}'. Roles: {string.Join(", ", Roles.All)}.");
        }

        var subject = new TokenSubject(role,
            options.Id("member-id", "Member"), options.Id("guide-id", "Guide"), options.Id("store-id", "Store"), options.Id("partner-id", "Partner"),
            options.Get("scope"));
        var lifetime = options.Get("hours") is { } hours ? TimeSpan.FromHours(double.Parse(hours, System.Globalization.CultureInfo.InvariantCulture)) : (TimeSpan?)null;
        var longest = services.GetRequiredService<Microsoft.Extensions.Options.IOptions<AuthOptions>>().Value.MaxTokenLifetime;
        if (lifetime > longest)
        {
            throw new CliUsageException($"--hours {options.Get("hours")} is longer than Auth:MaxTokenLifetime ({longest.TotalHours:0} hours): the gateway would refuse the token.");
        }

        Console.WriteLine(services.GetRequiredService<TokenIssuer>().Issue(subject, lifetime).Token);
        return 0;
    }

    private static int PrintSchema(IServiceProvider services)
    {
        Console.Write(SchemaPrinter.Print(services.GetRequiredService<MemberGraphSchema>()));
        return 0;
    }

    private static async Task<int> SeedAsync(IServiceProvider services, CliOptions options)
    {
        var members = int.Parse(options.Get("members") ?? "3000", System.Globalization.CultureInfo.InvariantCulture);
        await DatabaseInitializer.MigrateAsync(services.GetRequiredService<IDbContextFactory<MemberGraphDb>>(), CancellationToken.None);
        var started = DateTime.UtcNow;
        var progress = new ConsoleProgress();
        await services.GetRequiredService<DemoSeeder>().SeedAsync(members, progress, CancellationToken.None);
        progress.Done();
        Console.WriteLine($"Seeded {members:N0} members in {(DateTime.UtcNow - started).TotalSeconds:F1} s.");
        return 0;
    }

    private static int Usage()
    {
        Console.Error.WriteLine("""
            usage:
              dev-token --role <member|guide|staff|partner|admin|ingestion> [--member-id ID] [--guide-id ID] [--store-id ID] [--partner-id ID] [--scope S] [--hours H]
              print-schema
              seed --members N
              healthcheck [--url http://127.0.0.1:8080/readyz]   (exit 0 when the running gateway is ready)
            IDs are the global ids the schema shows, or plain numeric keys.
            """);
        return 2;
    }
}

internal sealed class CliUsageException(string message) : Exception(message);

internal sealed class CliOptions(Dictionary<string, string> values)
{
    public static CliOptions Parse(string[] args)
    {
        var values = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i < args.Length; i++)
        {
            if (!args[i].StartsWith("--", StringComparison.Ordinal) || args[i].Contains('='))
            {
                continue;
            }

            values[args[i][2..]] = i + 1 < args.Length && !args[i + 1].StartsWith("--", StringComparison.Ordinal) ? args[++i] : "true";
        }

        return new CliOptions(values);
    }

    public string? Get(string name) => values.GetValueOrDefault(name);

    /// <summary>Accepts a global id of the right type or a plain numeric key.</summary>
    public long? Id(string name, string typeName)
    {
        var value = Get(name);
        if (value is null)
        {
            return null;
        }

        if (long.TryParse(value, out var key))
        {
            return key;
        }

        return GlobalId.TryDecode(value, typeName) ?? throw new CliUsageException($"--{name} '{value}' is not a {typeName} id.");
    }
}

internal sealed class ConsoleProgress : IProgress<SeedProgress>
{
    private readonly System.Diagnostics.Stopwatch _clock = new();
    private string? _step;

    public void Report(SeedProgress value)
    {
        if (_step != value.Step)
        {
            EndStep();
            _clock.Restart();
        }

        _step = value.Step;
        var share = value.Total == 0 ? 1 : (double)value.Done / value.Total;
        var bar = new string('█', (int)(share * 30)).PadRight(30, '░');
        Console.Error.Write($"\r{value.Step,-20} {bar} {value.Done,12:N0}/{value.Total:N0} ({share:P0}) {_clock.Elapsed.TotalSeconds,6:F0} s");
    }

    public void Done() => EndStep();

    private void EndStep()
    {
        if (_step is not null)
        {
            Console.Error.WriteLine();
        }
    }
}

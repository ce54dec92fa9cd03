using MemberGraph.Data;
using MemberGraph.GraphQL;
using MemberGraph.Seeding;
using Microsoft.EntityFrameworkCore;

namespace MemberGraph.Hosting;

/// <summary>
/// The small CLI on the gateway binary. <c>print-schema</c> and <c>seed</c> compose the same services as the gateway (same
/// configuration, same signing key, same database). <c>dev-token</c>, <c>demo-accounts</c> and <c>wecom-event</c> read the
/// same configuration but compose only what they use (<see cref="CliServices"/>): they answer at once and never migrate,
/// seed or listen. <c>healthcheck</c> (<see cref="ReadinessProbe"/>) composes nothing: it asks a running gateway; nor does
/// <c>trusted-documents</c> (<see cref="TrustedDocumentsCommand"/>), which reads and writes files.
/// </summary>
public static class Cli
{
    private static readonly string[] Commands =
        [DevTokenCommand.Name, DemoAccountsCommand.Name, WeComEventCommand.Name, "print-schema", "seed", ReadinessProbe.Command, TrustedDocumentsCommand.Name];

    public static bool IsCommand(string[] args) => args.Length > 0 && Commands.Contains(args[0]);

    public static async Task<int> RunAsync(string[] args)
    {
        if (args[0] == ReadinessProbe.Command)
        {
            return await ReadinessProbe.RunAsync(args[1..]);
        }

        var options = CliOptions.Parse(args[1..]);
        var configuration = args[1..].Where(a => a.StartsWith("--", StringComparison.Ordinal) && a.Contains('=')).ToArray();
        try
        {
            switch (args[0])
            {
                case DevTokenCommand.Name:
                    return DevTokenCommand.Run(CliServices.Build(configuration, DevTokenCommand.Services), options);
                case DemoAccountsCommand.Name:
                    return await DemoAccountsCommand.RunAsync(CliServices.Build(configuration, DemoAccountsCommand.Services), Console.Out);
                case WeComEventCommand.Name:
                    return await WeComEventCommand.RunAsync(CliServices.Build(configuration, WeComEventCommand.Services), args[1..], options);
                case TrustedDocumentsCommand.Name:
                    return TrustedDocumentsCommand.Run(options, Console.Out);
            }

            await using var app = GatewayApp.Build(configuration, CliServices.LogToStandardError);
            return args[0] switch
            {
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
                  member needs --member-id; guide --guide-id and --store-id; staff --store-id; partner --partner-id and --scope;
                  ingestion --scope (e.g. "channel:TMALL"); admin nothing
              demo-accounts   (demo people to try, with the commands for their tokens; reads the database)
              wecom-event <add-contact|del-contact|transfer-fail> --guide <guide code or WeCom user id> --external-user <wm...> [--url http://localhost:5080/wecom/callback]
              print-schema
              seed --members N
              healthcheck [--url http://127.0.0.1:8080/readyz]   (exit 0 when the running gateway is ready)
              trusted-documents [--clients clients] [--out clients/trusted-documents.json] [--check]
                  (the manifest of the apps' operations; --check exits 1 when it is out of date)
            IDs are the global ids the schema shows, or plain numeric keys.
            """);
        return 2;
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

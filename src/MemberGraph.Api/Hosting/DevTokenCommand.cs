using System.Globalization;
using MemberGraph.Auth;
using MemberGraph.Data;
using Microsoft.Extensions.Options;

namespace MemberGraph.Hosting;

/// <summary>
/// <c>dev-token</c>: a token signed with the gateway's key (configured, or the development key in the data folder). It
/// needs the signing key and the auth options only — no database, no GraphQL schema — so it answers at once. A token
/// missing the ids its role needs would be refused by every resolver, so it is refused here.
/// </summary>
internal static class DevTokenCommand
{
    public const string Name = "dev-token";

    public static void Services(IServiceCollection services, IConfiguration configuration, IHostEnvironment environment)
    {
        services.AddSingleton(new DataFolder(configuration.GetSection(MemberGraphOptions.Section).Get<MemberGraphOptions>()?.DataDir ?? "data", environment.ContentRootPath));
        services.AddMemberGraphAuth(configuration);
    }

    public static int Run(IServiceProvider services, CliOptions options)
    {
        var role = options.Get("role") ?? throw new CliUsageException("dev-token needs --role.");
        if (!Roles.All.Contains(role))
        {
            throw new CliUsageException($"Unknown role '{role}'. Roles: {string.Join(", ", Roles.All)}.");
        }

        var subject = new TokenSubject(role,
            options.Id("member-id", "Member"), options.Id("guide-id", "Guide"), options.Id("store-id", "Store"), options.Id("partner-id", "Partner"),
            options.Get("scope"));
        if (Missing(subject) is { Length: > 0 } missing)
        {
            throw new CliUsageException($"A {role} token needs {missing}: without it the gateway would refuse everything the {role} asks.");
        }

        var lifetime = options.Get("hours") is { } hours ? TimeSpan.FromHours(double.Parse(hours, CultureInfo.InvariantCulture)) : (TimeSpan?)null;
        var longest = services.GetRequiredService<IOptions<AuthOptions>>().Value.MaxTokenLifetime;
        if (lifetime > longest)
        {
            throw new CliUsageException($"--hours {options.Get("hours")} is longer than Auth:MaxTokenLifetime ({longest.TotalHours:0} hours): the gateway would refuse the token.");
        }

        Console.WriteLine(services.GetRequiredService<TokenIssuer>().Issue(subject, lifetime).Token);
        return 0;
    }

    /// <summary>The options the role's claims need and the command line lacks, e.g. "--guide-id and --store-id".</summary>
    private static string Missing(TokenSubject subject)
    {
        var needed = subject.Role switch
        {
            Roles.Member => new[] { ("--member-id", subject.MemberId is not null) },
            Roles.Guide => [("--guide-id", subject.GuideId is not null), ("--store-id", subject.StoreId is not null)],
            Roles.Staff => [("--store-id", subject.StoreId is not null)],
            Roles.Partner => [("--partner-id", subject.PartnerId is not null), ("--scope", !string.IsNullOrWhiteSpace(subject.Scope))],
            Roles.Ingestion => [("--scope", !string.IsNullOrWhiteSpace(subject.Scope))],
            _ => [],
        };
        return string.Join(" and ", needed.Where(n => !n.Item2).Select(n => n.Item1));
    }
}

using System.Text.RegularExpressions;

namespace MemberGraph.Hosting;

/// <summary>
/// <c>healthcheck [--url URL]</c>: asks the running gateway's own <c>/readyz</c> and exits 0 when it answers 200, else 1.
/// It is the container's health check: the ASP.NET Core runtime image has neither curl nor wget, and this needs no extra
/// package in the image. It builds none of the gateway's services (no database, no keys); it only works out where the
/// gateway listens the way the gateway does: <c>Urls</c> from appsettings.json, the environment, then the command line.
/// </summary>
public static partial class ReadinessProbe
{
    public const string Command = "healthcheck";

    public static async Task<int> RunAsync(string[] args)
    {
        var configuration = new ConfigurationBuilder()
            .AddJsonFile(Path.Combine(AppContext.BaseDirectory, "appsettings.json"), optional: true)
            .AddEnvironmentVariables()
            .AddCommandLine(args)
            .Build();
        var url = configuration["url"] is { Length: > 0 } given ? new Uri(given) : ReadinessUrl(configuration["Urls"] ?? configuration["ASPNETCORE_URLS"]);
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
        try
        {
            using var response = await http.GetAsync(url);
            Console.WriteLine($"{url}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
            return response.IsSuccessStatusCode ? 0 : 1;
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
        {
            await Console.Error.WriteLineAsync($"{url}: {ex.Message}");
            return 1;
        }
    }

    /// <summary>/readyz on the first http address the gateway listens on; a wildcard host (+, *, 0.0.0.0, [::]) is reached on loopback.</summary>
    public static Uri ReadinessUrl(string? urls)
    {
        var first = (urls ?? "").Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .FirstOrDefault(u => u.StartsWith("http://", StringComparison.OrdinalIgnoreCase))
            ?? throw new InvalidOperationException($"No http:// address in Urls '{urls}': pass --url.");
        var address = Address().Match(first);
        var host = address.Groups["host"].Value is "+" or "*" or "0.0.0.0" or "[::]" ? "127.0.0.1" : address.Groups["host"].Value;
        return new Uri($"http://{host}{address.Groups["port"].Value}/readyz");
    }

    [GeneratedRegex(@"^http://(?<host>\[[^\]]*\]|[^:/]+)(?<port>:\d+)?", RegexOptions.IgnoreCase)]
    private static partial Regex Address();
}

namespace MemberGraph.Hosting;

/// <summary>
/// <c>healthcheck [--url URL]</c>: asks the running gateway's own <c>/readyz</c> and exits 0 when it answers 200, else 1.
/// It is the container's health check: the ASP.NET Core runtime image has neither curl nor wget, and this needs no extra
/// package in the image. It builds none of the gateway's services (no database, no keys); it only works out where the
/// gateway listens the way the gateway does: <c>Urls</c> from appsettings.json, the environment, then the command line.
/// </summary>
public static class ReadinessProbe
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

    /// <summary>/readyz on the first http address the gateway listens on; a wildcard host (+, *, 0.0.0.0, [::]) is reached on 127.0.0.1.</summary>
    public static Uri ReadinessUrl(string? urls)
    {
        var first = ListenAddresses.FirstHttp(ListenAddresses.Split(urls))
                    ?? throw new InvalidOperationException($"No http:// address in Urls '{urls}': pass --url.");
        return new Uri(new Uri(ListenAddresses.Reachable(first, "127.0.0.1")), "/readyz");
    }
}

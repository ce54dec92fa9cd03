using System.Globalization;
using System.Text;

namespace MemberGraph.Benchmarks.WritePath;

/// <summary>
/// What a /graphql request costs before any mutation runs: <c>{ __typename }</c> with the same ingestion token goes through the
/// transport, authentication, rate limiter, parsing, validation, the executor and the access log but touches no data. Its CPU per
/// request, set beside recordOrder's, splits the gap to the hand-written floor into "the GraphQL request" and "the write itself".
/// </summary>
internal static class RequestFloor
{
    private static readonly byte[] Body = Encoding.UTF8.GetBytes("{\"query\":\"{ __typename }\"}");

    /// <returns>The CPU milliseconds per request of <c>{ __typename }</c>.</returns>
    public static async Task<double> ReportAsync(BenchGateway gateway, string token, int clients, int seconds)
    {
        HttpRequestMessage Request() => WriteOperation.Post("/graphql", Body, token);
        static bool Answered(byte[] body) => body.AsSpan().IndexOf("\"__typename\":\"Query\""u8) >= 0;

        await LoadRun.RunAsync(gateway.Http, clients, TimeSpan.FromSeconds(1), [], Request, Answered);
        var before = gateway.SqlStatements;
        var load = await LoadRun.RunAsync(gateway.Http, clients, TimeSpan.FromSeconds(seconds), [], Request, Answered);
        var statements = (gateway.SqlStatements - before) / (double)Math.Max(1, load.Requests);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{{ __typename }} at {clients} clients: {load.PerSecond:F0}/s, {load.CpuMillisecondsPerRequest:F2} CPU ms/request, " +
            $"{load.KilobytesPerRequest:F0} KB allocated/request, {statements:F1} statements/request, {load.Failures} failed."));
        return load.CpuMillisecondsPerRequest;
    }
}

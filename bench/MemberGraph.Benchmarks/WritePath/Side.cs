using System.Globalization;
using MemberGraph.Benchmarks.Postgres;

namespace MemberGraph.Benchmarks.WritePath;

/// <summary>
/// A <see cref="LoadRun"/> of one side with the SQL statements it sent (EF Core's, counted by the gateway, and the hand-written ones)
/// and, on PostgreSQL, the server's CPU and how many of its statements waited for a lock meanwhile.
/// </summary>
internal sealed record Side(LoadRun.Result Load, long Statements, TimeSpan? ServerCpu = null, LockWaits? Locks = null)
{
    public static readonly Side Zero = new(LoadRun.Result.Zero, 0);

    /// <summary>The database server's CPU per request (PostgreSQL's processes); null where the database runs in the gateway's process.</summary>
    public double? ServerCpuMillisecondsPerRequest => ServerCpu?.TotalMilliseconds / Math.Max(1, Load.Requests);

    public double StatementsPerRequest => Statements / (double)Math.Max(1, Load.Requests);

    public static async Task<Side> RunAsync(BenchGateway gateway, int clients, TimeSpan duration, WriteOperation operation, Func<HttpRequestMessage> request)
    {
        if (operation.Prepare is { } prepare)
        {
            await prepare();
        }

        var before = gateway.SqlStatements + gateway.HandWrittenStatements;
        var serverBefore = gateway.ServerCpu?.Read();
        using var stopSampling = new CancellationTokenSource();
        var locks = gateway.PostgresConnectionString is { } postgres ? LockWaits.SampleAsync(postgres, stopSampling.Token) : null;
        var load = await LoadRun.RunAsync(gateway.Http, clients, duration, [], request, operation.Answered);
        await stopSampling.CancelAsync();
        return new Side(load, gateway.SqlStatements + gateway.HandWrittenStatements - before, gateway.ServerCpu?.Read() - serverBefore,
            locks is null ? null : await locks);
    }

    public static Side operator +(Side a, Side b) => new(a.Load + b.Load, a.Statements + b.Statements,
        a.ServerCpu is null && b.ServerCpu is null ? null : (a.ServerCpu ?? TimeSpan.Zero) + (b.ServerCpu ?? TimeSpan.Zero),
        a.Locks is null && b.Locks is null ? null : (a.Locks ?? LockWaits.None) + (b.Locks ?? LockWaits.None));

    public string Row(string name, int clients) => string.Create(CultureInfo.InvariantCulture,
        $"{name,-14} {clients,7}   {Load.PerSecond,10:F0}   {Load.CpuMillisecondsPerRequest,14:F2}   {StatementsPerRequest,18:F1}   {Load.LatencyMilliseconds(50),6:F1}   {Load.LatencyMilliseconds(99),6:F1}   {Load.Failures,6}   {Load.KilobytesPerRequest,6:F0}   {(ServerCpuMillisecondsPerRequest is { } server ? server.ToString("F2", CultureInfo.InvariantCulture) : "-"),10}");
}

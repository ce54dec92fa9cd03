using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace MemberGraph.RealtimeBench;

/// <summary>
/// A gateway instance as its own process (<c>dotnet MemberGraph.Api.dll</c>, built in Release), so the gateway and the
/// 10,000 client sockets of the benchmark do not share one process's file-descriptor limit, thread pool or GC.
/// </summary>
public sealed class GatewayProcess : IAsyncDisposable
{
    private readonly Process _process;

    private GatewayProcess(Process process, Uri baseAddress)
    {
        _process = process;
        BaseAddress = baseAddress;
    }

    public Uri BaseAddress { get; }

    public Uri SocketAddress => new UriBuilder(BaseAddress) { Scheme = "ws", Path = "/graphql" }.Uri;

    public static async Task<GatewayProcess> StartAsync(string name, string apiDll, string dataDir, string sqlite, string signingKey, string? redis)
    {
        var port = FreePort();
        var start = new ProcessStartInfo("dotnet") { WorkingDirectory = Path.GetDirectoryName(apiDll)!, RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(apiDll);
        foreach (var (key, value) in new Dictionary<string, string?>
        {
            ["urls"] = $"http://127.0.0.1:{port}",
            ["MemberGraph:DataDir"] = dataDir,
            ["MemberGraph:SeedDemoData"] = "false",
            ["Jobs:Scheduler"] = "false",
            ["Auth:SigningKey"] = signingKey,
            ["ConnectionStrings:Sqlite"] = sqlite,
            ["ConnectionStrings:Redis"] = redis,
            ["Logging:LogLevel:Default"] = "Warning",
            ["Logging:LogLevel:Microsoft.EntityFrameworkCore"] = "Warning",
        })
        {
            if (value is not null)
            {
                start.ArgumentList.Add($"--{key}={value}");
            }
        }

        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        var process = Process.Start(start) ?? throw new InvalidOperationException("dotnet could not be started");
        process.OutputDataReceived += (_, e) => { if (!string.IsNullOrEmpty(e.Data)) Console.Error.WriteLine($"  [{name}] {e.Data}"); };
        process.ErrorDataReceived += (_, e) => { if (!string.IsNullOrEmpty(e.Data)) Console.Error.WriteLine($"  [{name}] {e.Data}"); };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        var gateway = new GatewayProcess(process, new Uri($"http://127.0.0.1:{port}"));
        using var http = new HttpClient { BaseAddress = gateway.BaseAddress, Timeout = TimeSpan.FromSeconds(2) };
        for (var attempt = 0; attempt < 300; attempt++)
        {
            if (process.HasExited)
            {
                throw new InvalidOperationException($"Gateway {name} exited with {process.ExitCode} while starting.");
            }

            try
            {
                if ((await http.GetAsync("/healthz")).IsSuccessStatusCode)
                {
                    return gateway;
                }
            }
            catch (HttpRequestException)
            {
            }
            catch (TaskCanceledException)
            {
            }

            await Task.Delay(200);
        }

        throw new TimeoutException($"Gateway {name} did not answer /healthz within a minute.");
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
    }
}

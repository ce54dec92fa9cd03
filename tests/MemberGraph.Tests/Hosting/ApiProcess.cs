using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace MemberGraph.Tests.Hosting;

/// <summary>
/// Runs the real gateway binary (<c>dotnet MemberGraph.Api.dll</c>, copied beside the tests) as its own process,
/// configured only through environment variables — the way a container or a script runs it.
/// </summary>
internal static class ApiProcess
{
    private static string Dll => Path.Combine(AppContext.BaseDirectory, "MemberGraph.Api.dll");

    private static string DotNet => Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host && File.Exists(host) ? host : "dotnet";

    /// <summary>Runs a CLI command to the end.</summary>
    public static async Task<ProcessResult> RunAsync(string[] args, IReadOnlyDictionary<string, string> environment, TimeSpan? timeout = null)
    {
        using var process = Start(args, environment);
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var cancel = new CancellationTokenSource(timeout ?? TimeSpan.FromMinutes(2));
        try
        {
            await process.WaitForExitAsync(cancel.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new Xunit.Sdk.XunitException($"'{string.Join(' ', args)}' did not finish in time. stderr: {await stderr}");
        }

        return new ProcessResult(process.ExitCode, await stdout, await stderr);
    }

    /// <summary>Starts the gateway (or a command) and leaves it running; the caller kills it.</summary>
    public static Process Start(string[] args, IReadOnlyDictionary<string, string> environment)
    {
        var start = new ProcessStartInfo(DotNet)
        {
            WorkingDirectory = AppContext.BaseDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            StandardOutputEncoding = Encoding.UTF8,
            StandardErrorEncoding = Encoding.UTF8,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(Dll);
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        // Only what the caller gives configures the gateway: no environment name or URLs leak in from the test runner.
        foreach (var key in start.Environment.Keys.Where(k => k.StartsWith("ASPNETCORE_", StringComparison.OrdinalIgnoreCase) ||
                                                              k.StartsWith("DOTNET_ENVIRONMENT", StringComparison.OrdinalIgnoreCase) ||
                                                              k.Contains("__", StringComparison.Ordinal)).ToList())
        {
            start.Environment.Remove(key);
        }

        foreach (var (key, value) in environment)
        {
            start.Environment[key] = value;
        }

        return Process.Start(start) ?? throw new InvalidOperationException("dotnet did not start.");
    }

    /// <summary>Polls <paramref name="path"/> until it answers 2xx (true), the process exits or the time is up (false).</summary>
    public static async Task<bool> WaitForAsync(HttpClient http, string path, Process process, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < deadline && !process.HasExited)
        {
            try
            {
                if ((await http.GetAsync(path)).IsSuccessStatusCode)
                {
                    return true;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }
            catch (TaskCanceledException)
            {
                // Not answering yet.
            }

            await Task.Delay(200);
        }

        return false;
    }

    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public static string TempFolder()
    {
        var folder = Path.Combine(Path.GetTempPath(), "membergraph-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        return folder;
    }

    public static void DeleteFolder(string folder)
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(folder, recursive: true);
        }
        catch (IOException)
        {
            // Left for the OS to clean up with the rest of the temp folder.
        }
    }
}

internal sealed record ProcessResult(int ExitCode, string StdOut, string StdErr);

using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace MemberGraph.Tests.Infrastructure;

/// <summary>
/// A real <c>redis-server</c> on a free loopback port, started and stopped by the test (scripts/test.sh installs
/// the Debian package when it is missing). Can be stopped and started again on the same port to test outages.
/// </summary>
public sealed class RedisServer : IAsyncDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "membergraph-redis", Guid.NewGuid().ToString("N"));

    private RedisServer(int port) => Port = port;

    public int Port { get; }

    public string ConnectionString => $"127.0.0.1:{Port}";

    public static async Task<RedisServer> StartAsync()
    {
        var server = new RedisServer(FreePort());
        Directory.CreateDirectory(server._folder);
        await server.StartAgainAsync();
        return server;
    }

    private string PidFile => Path.Combine(_folder, "redis.pid");

    public async Task StartAgainAsync()
    {
        var executable = File.Exists("/usr/bin/redis-server") ? "/usr/bin/redis-server" : "redis-server";
        using var start = Process.Start(new ProcessStartInfo(executable,
            $"--port {Port} --bind 127.0.0.1 --save \"\" --appendonly no --daemonize yes --pidfile {PidFile} --dir {_folder} --logfile {Path.Combine(_folder, "redis.log")}")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        }) ?? throw new InvalidOperationException("redis-server could not be started; run `bash scripts/test.sh`, which installs it.");
        await start.WaitForExitAsync();
        await WaitUntilAsync(accepting: true);
    }

    public async Task StopAsync()
    {
        if (File.Exists(PidFile) && int.TryParse((await File.ReadAllTextAsync(PidFile)).Trim(), out var pid))
        {
            try
            {
                using var process = Process.GetProcessById(pid);
                process.Kill();
                await process.WaitForExitAsync();
            }
            catch (ArgumentException)
            {
                // Already gone.
            }

            File.Delete(PidFile);
        }

        await WaitUntilAsync(accepting: false);
    }

    private async Task WaitUntilAsync(bool accepting)
    {
        for (var i = 0; i < 100; i++)
        {
            if (IsAccepting() == accepting)
            {
                return;
            }

            await Task.Delay(50);
        }

        throw new InvalidOperationException($"redis-server on port {Port} did not {(accepting ? "start" : "stop")}.");
    }

    private bool IsAccepting()
    {
        try
        {
            using var client = new TcpClient();
            client.Connect(IPAddress.Loopback, Port);
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        try
        {
            Directory.Delete(_folder, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}

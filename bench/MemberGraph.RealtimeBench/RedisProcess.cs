using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace MemberGraph.RealtimeBench;

/// <summary>A redis-server on a free loopback port for the two-instance mode, stopped by its own pid.</summary>
public sealed class RedisProcess : IAsyncDisposable
{
    private readonly string _folder;
    private readonly int _port;

    private RedisProcess(string folder, int port)
    {
        _folder = folder;
        _port = port;
    }

    public string ConnectionString => $"127.0.0.1:{_port}";

    private string PidFile => Path.Combine(_folder, "redis.pid");

    public static async Task<RedisProcess> StartAsync(string folder)
    {
        Directory.CreateDirectory(folder);
        int port;
        using (var listener = new TcpListener(IPAddress.Loopback, 0))
        {
            listener.Start();
            port = ((IPEndPoint)listener.LocalEndpoint).Port;
        }

        var redis = new RedisProcess(folder, port);
        using var start = Process.Start(new ProcessStartInfo("redis-server",
            $"--port {port} --bind 127.0.0.1 --save \"\" --appendonly no --daemonize yes --pidfile {redis.PidFile} --dir {folder} --logfile {Path.Combine(folder, "redis.log")}"))
            ?? throw new InvalidOperationException("redis-server could not be started (apt-get install redis-server).");
        await start.WaitForExitAsync();
        for (var i = 0; i < 100; i++)
        {
            try
            {
                using var client = new TcpClient();
                await client.ConnectAsync(IPAddress.Loopback, port);
                return redis;
            }
            catch (SocketException)
            {
                await Task.Delay(50);
            }
        }

        throw new TimeoutException("redis-server did not start.");
    }

    public async ValueTask DisposeAsync()
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
            }
        }
    }
}

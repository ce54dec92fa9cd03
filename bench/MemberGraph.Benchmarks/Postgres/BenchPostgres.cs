using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Npgsql;

namespace MemberGraph.Benchmarks.Postgres;

/// <summary>
/// A throwaway PostgreSQL server for one bench run, on the same machine as the SQLite figures: Debian's binaries
/// (<c>/usr/lib/postgresql/&lt;version&gt;/bin</c>), <c>initdb</c> into a temp folder (as the <c>postgres</c> OS user when the bench
/// runs as root), the server on a free loopback port, one empty database the gateway migrates at start. <c>synchronous_commit=off</c>
/// (fsync stays on) matches what the SQLite side runs with (WAL and <c>synchronous=NORMAL</c>: a commit does not wait for the disk).
/// Stopped by its PID and deleted when the run ends.
/// </summary>
internal sealed class BenchPostgres : IAsyncDisposable
{
    private readonly string _folder;
    private readonly int _postmaster;

    private BenchPostgres(string folder, int port, int postmaster)
    {
        _folder = folder;
        _postmaster = postmaster;
        ConnectionString = $"Host=127.0.0.1;Port={port};Username=postgres;Database=membergraph_bench;Maximum Pool Size=100;Timeout=30";
    }

    public string ConnectionString { get; }

    /// <summary>The server's CPU time so far (the postmaster and its backends).</summary>
    public ServerCpu Cpu => new(_postmaster);

    public static async Task<BenchPostgres> StartAsync()
    {
        var bin = Directory.Exists("/usr/lib/postgresql")
            ? Directory.GetDirectories("/usr/lib/postgresql").Select(v => Path.Combine(v, "bin")).Where(b => File.Exists(Path.Combine(b, "postgres")))
                .OrderByDescending(b => int.TryParse(Path.GetFileName(Path.GetDirectoryName(b)), out var major) ? major : 0).FirstOrDefault()
            : null;
        if (bin is null)
        {
            throw new InvalidOperationException("PostgreSQL is not installed (apt-get install -y postgresql), or pass --postgres with a connection string.");
        }

        var folder = Path.Combine(Path.GetTempPath(), "membergraph-bench-postgres", Environment.ProcessId.ToString());
        var data = Path.Combine(folder, "data");
        Directory.CreateDirectory(folder);
        var asRoot = Environment.UserName == "root";
        if (asRoot)
        {
            await RunAsync("chown", $"postgres:postgres {folder}"); // PostgreSQL refuses to run as root
        }

        await RunAsync(Command(asRoot, bin, "initdb"), Arguments(asRoot, bin, "initdb", $"-D {data} -U postgres --auth=trust -E UTF8 --locale=C.UTF-8 --no-sync"));
        var port = FreePort();
        using var server = Process.Start(new ProcessStartInfo(Command(asRoot, bin, "postgres"), Arguments(asRoot, bin, "postgres",
            $"-D {data} -p {port} -k {folder} -c listen_addresses=127.0.0.1 -c synchronous_commit=off -c max_connections=300 -c shared_buffers=256MB"))
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        }) ?? throw new InvalidOperationException("postgres could not be started.");
        server.OutputDataReceived += (_, _) => { };
        server.ErrorDataReceived += (_, _) => { };
        server.BeginOutputReadLine();
        server.BeginErrorReadLine();

        var pidFile = Path.Combine(data, "postmaster.pid");
        for (var i = 0; !File.Exists(pidFile) && i < 300; i++)
        {
            await Task.Delay(50);
        }

        var postmaster = int.Parse((await File.ReadAllLinesAsync(pidFile))[0]);
        var cluster = new BenchPostgres(folder, port, postmaster);
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                await using var connection = new NpgsqlConnection($"Host=127.0.0.1;Port={port};Username=postgres;Database=postgres;Pooling=false");
                await connection.OpenAsync();
                await using var create = new NpgsqlCommand("CREATE DATABASE membergraph_bench", connection);
                await create.ExecuteNonQueryAsync();
                Console.WriteLine($"PostgreSQL: a throwaway server ({Path.GetFileName(Path.GetDirectoryName(bin))}) on port {port}, postmaster pid {postmaster}.");
                return cluster;
            }
            catch (Exception ex) when (ex is NpgsqlException or SocketException && attempt < 200)
            {
                await Task.Delay(100);
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        NpgsqlConnection.ClearAllPools();
        await RunAsync("kill", $"-INT {_postmaster}");
        try
        {
            using var process = Process.GetProcessById(_postmaster);
            await process.WaitForExitAsync(new CancellationTokenSource(TimeSpan.FromSeconds(20)).Token);
        }
        catch (ArgumentException)
        {
            // Already gone.
        }

        Directory.Delete(_folder, recursive: true);
    }

    private static string Command(bool asRoot, string bin, string program) => asRoot ? "runuser" : Path.Combine(bin, program);

    private static string Arguments(bool asRoot, string bin, string program, string arguments) =>
        asRoot ? $"-u postgres -- {Path.Combine(bin, program)} {arguments}" : arguments;

    private static async Task RunAsync(string command, string arguments)
    {
        using var process = Process.Start(new ProcessStartInfo(command, arguments) { RedirectStandardOutput = true, RedirectStandardError = true })
                            ?? throw new InvalidOperationException($"{command} could not be started.");
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{command} {arguments} failed ({process.ExitCode}): {await output}{await error}");
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}

using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using MemberGraph.Data;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace MemberGraph.Tests.Infrastructure;

/// <summary>
/// One throwaway PostgreSQL cluster per test run: Debian's <c>postgresql</c> binaries (scripts/test.sh installs them when
/// missing), <c>initdb</c> into a temp folder as the <c>postgres</c> OS user when the tests run as root, the server on a
/// free loopback port with its socket in that folder. <c>fsync=off</c> and <c>synchronous_commit=off</c>: the cluster is
/// deleted at the end, so durability buys nothing, and the concurrency guarantees under test (row locks, unique indexes,
/// conditional updates) do not depend on it. The migrated schema is built once into a template database; each gateway
/// gets <c>CREATE DATABASE ... TEMPLATE</c> of it. The server is stopped by its PID when the test process exits; a run
/// that was killed leaves its folder with the test process's PID, and the next run stops that server and deletes it.
/// Missing binaries fail the tests loudly: a concurrency suite that silently ran on SQLite only would prove nothing.
/// </summary>
public sealed class PostgresCluster
{
    private const string Template = "membergraph_template";
    private static readonly string Root = Path.Combine(Path.GetTempPath(), "membergraph-postgres");
    private static readonly Lazy<Task<PostgresCluster>> Shared = new(StartAsync);
    private readonly string _folder;
    private readonly int _pid;
    private int _databases;

    private PostgresCluster(string folder, int port, int pid)
    {
        _folder = folder;
        Port = port;
        _pid = pid;
    }

    public int Port { get; }

    /// <summary>The run's cluster, started on first use.</summary>
    public static Task<PostgresCluster> InstanceAsync() => Shared.Value;

    /// <summary>A fresh database with every migration applied (a copy of the template), as a connection string.</summary>
    public async Task<string> CreateDatabaseAsync()
    {
        var name = $"membergraph_{Interlocked.Increment(ref _databases)}_{Guid.NewGuid():N}"[..40];
        await using var connection = new NpgsqlConnection(ConnectionString("postgres", pooling: false));
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand($"CREATE DATABASE \"{name}\" TEMPLATE \"{Template}\"", connection);
        await command.ExecuteNonQueryAsync();
        return ConnectionString(name, pooling: true);
    }

    /// <summary>An empty database (no migration applied), as a connection string: what a first start meets.</summary>
    public async Task<string> CreateEmptyDatabaseAsync()
    {
        var name = $"membergraph_empty_{Interlocked.Increment(ref _databases)}_{Guid.NewGuid():N}"[..40];
        await using var connection = new NpgsqlConnection(ConnectionString("postgres", pooling: false));
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand($"CREATE DATABASE \"{name}\"", connection);
        await command.ExecuteNonQueryAsync();
        return ConnectionString(name, pooling: true);
    }

    public string ConnectionString(string database, bool pooling) =>
        $"Host=127.0.0.1;Port={Port};Username=postgres;Database={database};Pooling={pooling};Maximum Pool Size=40;Timeout=30;Include Error Detail=true";

    private static async Task<PostgresCluster> StartAsync()
    {
        StopLeftoversOfDeadRuns();
        var bin = FindBinaries();
        var folder = Path.Combine(Root, $"{Environment.ProcessId}-{Guid.NewGuid():N}"[..20]);
        var data = Path.Combine(folder, "data");
        Directory.CreateDirectory(folder);
        await File.WriteAllTextAsync(Path.Combine(folder, "owner.pid"), Environment.ProcessId.ToString());
        var asRoot = Environment.UserName == "root";
        if (asRoot)
        {
            // PostgreSQL refuses to run as root: the folder belongs to the postgres user Debian's package created.
            await RunAsync("chown", $"postgres:postgres {folder}");
        }

        await RunAsync(Command(asRoot, Path.Combine(bin, "initdb")), Arguments(asRoot, Path.Combine(bin, "initdb"),
            $"-D {data} -U postgres --auth=trust -E UTF8 --locale=C.UTF-8 --no-sync"));
        var port = FreePort();
        var server = Process.Start(new ProcessStartInfo(Command(asRoot, Path.Combine(bin, "postgres")), Arguments(asRoot, Path.Combine(bin, "postgres"),
            $"-D {data} -p {port} -k {folder} -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off " +
            "-c max_connections=400 -c shared_buffers=64MB"))
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        }) ?? throw new InvalidOperationException("postgres could not be started.");
        server.OutputDataReceived += (_, _) => { };
        server.ErrorDataReceived += (_, _) => { };
        server.BeginOutputReadLine();
        server.BeginErrorReadLine();

        var cluster = new PostgresCluster(folder, port, await WaitForPostmasterAsync(data, server));
        AppDomain.CurrentDomain.ProcessExit += (_, _) => cluster.Stop();
        await cluster.WaitUntilAcceptingAsync();
        await cluster.CreateTemplateAsync();
        return cluster;
    }

    /// <summary>Migrates the template once; a copy of it is then a matter of milliseconds per gateway.</summary>
    private async Task CreateTemplateAsync()
    {
        await using (var connection = new NpgsqlConnection(ConnectionString("postgres", pooling: false)))
        {
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand($"CREATE DATABASE \"{Template}\"", connection);
            await command.ExecuteNonQueryAsync();
        }

        var options = new DbContextOptionsBuilder<PostgresMemberGraphDb>().UseNpgsql(ConnectionString(Template, pooling: false)).Options;
        await using var db = new PostgresMemberGraphDb(options);
        await db.Database.MigrateAsync();
    }

    private async Task WaitUntilAcceptingAsync()
    {
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                await using var connection = new NpgsqlConnection(ConnectionString("postgres", pooling: false));
                await connection.OpenAsync();
                return;
            }
            catch (Exception ex) when (ex is NpgsqlException or SocketException && attempt < 200)
            {
                await Task.Delay(100);
            }
        }
    }

    /// <summary>The postmaster's PID from its own postmaster.pid (under root, the started process is runuser, its parent).</summary>
    private static async Task<int> WaitForPostmasterAsync(string data, Process server)
    {
        var pidFile = Path.Combine(data, "postmaster.pid");
        for (var i = 0; i < 300; i++)
        {
            if (File.Exists(pidFile) && int.TryParse((await File.ReadAllLinesAsync(pidFile)).FirstOrDefault(), out var pid))
            {
                return pid;
            }

            if (server.HasExited)
            {
                throw new InvalidOperationException($"postgres exited at start with code {server.ExitCode}.");
            }

            await Task.Delay(50);
        }

        throw new InvalidOperationException("postgres wrote no postmaster.pid within 15 s.");
    }

    /// <summary>Fast shutdown (SIGINT) of the postmaster by its PID, then the folder goes.</summary>
    private void Stop()
    {
        StopServer(_pid);
        TryDelete(_folder);
    }

    private static void StopServer(int pid)
    {
        try
        {
            using var kill = Process.Start(new ProcessStartInfo("kill", $"-INT {pid}") { RedirectStandardError = true });
            kill?.WaitForExit();
            using var process = Process.GetProcessById(pid);
            process.WaitForExit(10_000);
        }
        catch (ArgumentException)
        {
            // Already gone.
        }
    }

    /// <summary>Folders whose test process is gone: stop the server they hold (its postmaster.pid) and delete them.</summary>
    private static void StopLeftoversOfDeadRuns()
    {
        if (!Directory.Exists(Root))
        {
            return;
        }

        foreach (var folder in Directory.GetDirectories(Root))
        {
            var owner = Path.Combine(folder, "owner.pid");
            if (File.Exists(owner) && int.TryParse(File.ReadAllText(owner), out var ownerPid) && IsAlive(ownerPid))
            {
                continue;
            }

            var postmaster = Path.Combine(folder, "data", "postmaster.pid");
            if (File.Exists(postmaster) && int.TryParse(File.ReadLines(postmaster).FirstOrDefault(), out var pid) && IsAlive(pid))
            {
                StopServer(pid);
            }

            TryDelete(folder);
        }
    }

    private static bool IsAlive(int pid)
    {
        try
        {
            using var process = Process.GetProcessById(pid);
            return !process.HasExited;
        }
        catch (ArgumentException)
        {
            return false;
        }
    }

    private static string FindBinaries()
    {
        var versions = Directory.Exists("/usr/lib/postgresql") ? Directory.GetDirectories("/usr/lib/postgresql") : [];
        var bin = versions
            .Select(v => Path.Combine(v, "bin"))
            .Where(b => File.Exists(Path.Combine(b, "postgres")) && File.Exists(Path.Combine(b, "initdb")))
            .OrderByDescending(b => int.TryParse(Path.GetFileName(Path.GetDirectoryName(b)), out var major) ? major : 0)
            .FirstOrDefault();
        return bin ?? throw new InvalidOperationException(
            "PostgreSQL is not installed (no /usr/lib/postgresql/<version>/bin/postgres): run `bash scripts/test.sh`, which installs " +
            "Debian's postgresql, or `apt-get install -y postgresql`.");
    }

    private static string Command(bool asRoot, string executable) => asRoot ? "runuser" : executable;

    private static string Arguments(bool asRoot, string executable, string arguments) =>
        asRoot ? $"-u postgres -- {executable} {arguments}" : arguments;

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

    private static void TryDelete(string folder)
    {
        try
        {
            Directory.Delete(folder, recursive: true);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // Held by a process that is still exiting; the next run removes it.
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}

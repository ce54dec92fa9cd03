using System.Diagnostics;
using System.Text.Json.Nodes;
using System.Threading.Channels;

namespace MemberGraph.Tests.Infrastructure;

/// <summary>
/// A node script of tests/interop (or of a client's folder) running beside a test: its stdout lines (JSON or text) can be read as they come.
/// The npm packages are installed by scripts/test.sh (<c>npm ci</c>).
/// </summary>
public sealed class NodeScript : IAsyncDisposable
{
    public static readonly string InteropDir = Path.Combine(RepositoryRoot.Path, "tests", "interop");

    private readonly Process _process;
    private readonly Channel<string> _lines = Channel.CreateUnbounded<string>();
    private readonly List<string> _stderr = [];

    private NodeScript(Process process) => _process = process;

    public static NodeScript Start(string script, params string[] args)
    {
        Assert.True(Directory.Exists(Path.Combine(InteropDir, "node_modules", "graphql-ws")),
            $"The interop npm packages are not installed in {InteropDir}: run `bash scripts/test.sh` (it runs `npm ci` there).");
        return StartIn(InteropDir, null, script, args);
    }

    /// <summary>A node script of another folder (a client's), with extra environment variables.</summary>
    public static NodeScript StartIn(string directory, IDictionary<string, string>? environment, string script, params string[] args)
    {
        var start = new ProcessStartInfo("node") { WorkingDirectory = directory, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var (name, value) in environment ?? new Dictionary<string, string>())
        {
            start.Environment[name] = value;
        }

        start.ArgumentList.Add(script);
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        var process = new Process { StartInfo = start, EnableRaisingEvents = true };
        var node = new NodeScript(process);
        process.OutputDataReceived += (_, e) =>
        {
            if (e.Data is null)
            {
                node._lines.Writer.TryComplete();
            }
            else if (e.Data.Length > 0)
            {
                node._lines.Writer.TryWrite(e.Data);
            }
        };
        process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is not null)
            {
                lock (node._stderr)
                {
                    node._stderr.Add(e.Data);
                }
            }
        };
        if (!process.Start())
        {
            throw new InvalidOperationException("node could not be started; Node 20 must be on PATH.");
        }

        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return node;
    }

    /// <summary>The next JSON line the script printed; fails when it ended or stayed silent.</summary>
    public async Task<JsonObject> NextLineAsync(TimeSpan? timeout = null) =>
        JsonNode.Parse(await NextTextLineAsync(timeout))!.AsObject();

    /// <summary>The next non-empty line the script printed, as text; fails when it ended or stayed silent.</summary>
    public async Task<string> NextTextLineAsync(TimeSpan? timeout = null)
    {
        using var cancel = new CancellationTokenSource(timeout ?? TimeSpan.FromSeconds(20));
        try
        {
            if (await _lines.Reader.WaitToReadAsync(cancel.Token) && _lines.Reader.TryRead(out var line))
            {
                return line;
            }
        }
        catch (OperationCanceledException)
        {
            throw new Xunit.Sdk.XunitException($"The node script printed nothing in time. stderr:\n{Stderr}");
        }

        throw new Xunit.Sdk.XunitException($"The node script ended (exit {(_process.HasExited ? _process.ExitCode : -1)}). stderr:\n{Stderr}");
    }

    public async Task<int> WaitForExitAsync(TimeSpan? timeout = null)
    {
        using var cancel = new CancellationTokenSource(timeout ?? TimeSpan.FromSeconds(20));
        await _process.WaitForExitAsync(cancel.Token);
        return _process.ExitCode;
    }

    public string Stderr
    {
        get
        {
            lock (_stderr)
            {
                return string.Join('\n', _stderr);
            }
        }
    }

    public ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
        }

        _process.Dispose();
        return ValueTask.CompletedTask;
    }
}

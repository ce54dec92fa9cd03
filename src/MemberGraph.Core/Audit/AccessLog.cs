using System.Threading.Channels;
using MemberGraph.Data;
using Microsoft.EntityFrameworkCore;

namespace MemberGraph.Audit;

/// <summary>
/// The access log's writer: requests hand their entries to a bounded in-memory queue and go on; this background service
/// writes them in batches of up to <see cref="BatchSize"/>, one transaction each.
/// <para>
/// Why batched rather than one INSERT per request: reads of personal information are the gateway's busiest requests (the
/// till, the sidebar, partner lookups), and a write transaction per read would serialise them behind the database's
/// writer (SQLite has exactly one) and pay a commit each. The price is that a crash loses what is queued, at most a
/// moment of reads; stopping writes everything queued, and an entry that arrives after the writer stopped is written by
/// the request itself. Nothing is dropped to keep up: a full queue makes requests wait (back-pressure), and a batch the
/// database refuses is tried again until it is written.
/// </para>
/// </summary>
public sealed class AccessLog(IDbContextFactory<MemberGraphDb> factory, ILogger<AccessLog> logger) : BackgroundService
{
    public const int BatchSize = 500;
    public const int Capacity = 20_000;
    private const int AttemptsWhileStopping = 3;
    private static readonly TimeSpan MaxRetryDelay = TimeSpan.FromSeconds(30);

    private readonly Channel<Item> _queue = Channel.CreateBounded<Item>(
        new BoundedChannelOptions(Capacity) { SingleReader = true, FullMode = BoundedChannelFullMode.Wait });

    /// <summary>Queues the entries of one request (waits only while the queue is full).</summary>
    public async ValueTask RecordAsync(IReadOnlyList<AccessLogEntry> entries, CancellationToken cancellationToken)
    {
        if (ExecuteTask is null)
        {
            // Not started (a host that runs no hosted services, or a request before the writer began): nothing would drain the queue.
            await WriteAsync([.. entries], stopping: true, CancellationToken.None);
            return;
        }

        for (var i = 0; i < entries.Count; i++)
        {
            try
            {
                await _queue.Writer.WriteAsync(new Item(entries[i], null), cancellationToken);
            }
            catch (ChannelClosedException)
            {
                // The writer has stopped (the gateway is shutting down): this request writes the rest itself.
                await WriteAsync([.. entries.Skip(i)], stopping: true, CancellationToken.None);
                return;
            }
        }
    }

    /// <summary>Returns once everything queued before the call is written: a reader of the log sees every read up to its question.</summary>
    public async Task FlushAsync(CancellationToken cancellationToken)
    {
        if (ExecuteTask is null)
        {
            return; // not started: every entry was written by its request
        }

        var written = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        try
        {
            await _queue.Writer.WriteAsync(new Item(null, written), cancellationToken);
        }
        catch (ChannelClosedException)
        {
            return; // stopped: everything queued was written on the way out
        }

        await written.Task.WaitAsync(cancellationToken);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        SqlCommandCounter.NotCounted(); // the batches follow requests at their own pace: no request's commands
        var reader = _queue.Reader;
        try
        {
            while (await reader.WaitToReadAsync(stoppingToken))
            {
                await WriteBatchAsync(reader, stopping: false, stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // stopping: write what is queued, below
        }

        _queue.Writer.TryComplete();
        while (reader.TryPeek(out _))
        {
            await WriteBatchAsync(reader, stopping: true, CancellationToken.None);
        }
    }

    private async Task WriteBatchAsync(ChannelReader<Item> reader, bool stopping, CancellationToken stoppingToken)
    {
        var entries = new List<AccessLogEntry>();
        var flushes = new List<TaskCompletionSource>();
        while (entries.Count < BatchSize && reader.TryRead(out var item))
        {
            if (item.Entry is { } entry)
            {
                entries.Add(entry);
            }
            else
            {
                flushes.Add(item.Written!);
            }
        }

        await WriteAsync(entries, stopping, stoppingToken);
        foreach (var flush in flushes)
        {
            flush.TrySetResult();
        }
    }

    /// <summary>One transaction; while the database refuses, again after 1 s, 2 s, 4 s, … at most 30 s apart (a few quick tries when stopping).</summary>
    private async Task WriteAsync(List<AccessLogEntry> entries, bool stopping, CancellationToken stoppingToken)
    {
        if (entries.Count == 0)
        {
            return;
        }

        var delay = TimeSpan.FromSeconds(1);
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await using var db = await factory.CreateDbContextAsync(CancellationToken.None);
                db.ChangeTracker.AutoDetectChangesEnabled = false;
                db.AccessLog.AddRange(entries.Select(Copy)); // new rows each attempt: a failed one may have marked its own
                await db.SaveChangesAsync(CancellationToken.None);
                return;
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                stopping |= stoppingToken.IsCancellationRequested;
                if (stopping && attempt >= AttemptsWhileStopping)
                {
                    logger.LogCritical(ex, "Access log: {Count} entries could not be written and are lost", entries.Count);
                    return;
                }

                logger.LogError(ex, "Access log: writing {Count} entries failed (attempt {Attempt}); trying again", entries.Count, attempt);
                if (!stopping)
                {
                    try
                    {
                        await Task.Delay(delay, stoppingToken);
                    }
                    catch (OperationCanceledException)
                    {
                        // stopping: the quick tries
                    }

                    delay = delay * 2 > MaxRetryDelay ? MaxRetryDelay : delay * 2;
                }
            }
        }
    }

    private static AccessLogEntry Copy(AccessLogEntry e) =>
        new() { At = e.At, Subject = e.Subject, Role = e.Role, MemberId = e.MemberId, Operation = e.Operation, Fields = e.Fields };

    /// <summary>An entry to write, or a flush to complete once everything before it is written.</summary>
    private readonly record struct Item(AccessLogEntry? Entry, TaskCompletionSource? Written);
}

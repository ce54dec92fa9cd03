using System.Data.Common;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace MemberGraph.Data;

/// <summary>
/// Counts SQL commands sent by this gateway instance; tests use it to prove DataLoaders batch. Background work that follows
/// requests at its own pace (the access log's batches) marks its flow <see cref="NotCounted"/>: it is no request's commands,
/// and would land in whichever request a test happened to be measuring.
/// </summary>
public sealed class SqlCommandCounter : DbCommandInterceptor
{
    private static readonly AsyncLocal<bool> Uncounted = new();
    private long _count;

    public long Count => Interlocked.Read(ref _count);

    /// <summary>From here on, the commands of the calling flow (and of what it awaits) are not counted.</summary>
    public static void NotCounted() => Uncounted.Value = true;

    public override InterceptionResult<DbDataReader> ReaderExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result)
    {
        Increment();
        return result;
    }

    public override ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default)
    {
        Increment();
        return ValueTask.FromResult(result);
    }

    public override InterceptionResult<object> ScalarExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<object> result)
    {
        Increment();
        return result;
    }

    public override ValueTask<InterceptionResult<object>> ScalarExecutingAsync(DbCommand command, CommandEventData eventData, InterceptionResult<object> result, CancellationToken cancellationToken = default)
    {
        Increment();
        return ValueTask.FromResult(result);
    }

    public override InterceptionResult<int> NonQueryExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<int> result)
    {
        Increment();
        return result;
    }

    public override ValueTask<InterceptionResult<int>> NonQueryExecutingAsync(DbCommand command, CommandEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        Increment();
        return ValueTask.FromResult(result);
    }

    private void Increment()
    {
        if (!Uncounted.Value)
        {
            Interlocked.Increment(ref _count);
        }
    }
}

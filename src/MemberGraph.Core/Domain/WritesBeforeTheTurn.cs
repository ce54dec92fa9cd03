using System.Data.Common;
using System.Runtime.CompilerServices;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace MemberGraph.Domain;

/// <summary>
/// Refuses every write on a context whose <see cref="UnitOfWork"/> is still preparing (see <see cref="DomainEventDispatcher.Prepare"/>):
/// there is no transaction and, on SQLite, no writer's turn yet, so a write would commit on its own, outside the change it belongs
/// to, and race the writer holding the turn. Tracked changes are refused at <c>SaveChanges</c> by the unit of work itself; this
/// interceptor catches what bypasses the change tracker (<c>ExecuteUpdate</c>, raw SQL, the multi-row inserts): any command whose
/// first keyword is not <c>SELECT</c> or <c>WITH</c>. A read written as something else fails loudly too, which is the safe side.
/// </summary>
public sealed class WritesBeforeTheTurn : DbCommandInterceptor
{
    private readonly ConditionalWeakTable<DbContext, UnitOfWork> _preparing = new();

    internal void Preparing(DbContext db, UnitOfWork work) => _preparing.AddOrUpdate(db, work);

    internal void Done(DbContext db) => _preparing.Remove(db);

    public override InterceptionResult<DbDataReader> ReaderExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result)
    {
        Check(command, eventData);
        return result;
    }

    public override ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(DbCommand command, CommandEventData eventData,
        InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default)
    {
        Check(command, eventData);
        return ValueTask.FromResult(result);
    }

    public override InterceptionResult<object> ScalarExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<object> result)
    {
        Check(command, eventData);
        return result;
    }

    public override ValueTask<InterceptionResult<object>> ScalarExecutingAsync(DbCommand command, CommandEventData eventData,
        InterceptionResult<object> result, CancellationToken cancellationToken = default)
    {
        Check(command, eventData);
        return ValueTask.FromResult(result);
    }

    public override InterceptionResult<int> NonQueryExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<int> result)
    {
        Check(command, eventData);
        return result;
    }

    public override ValueTask<InterceptionResult<int>> NonQueryExecutingAsync(DbCommand command, CommandEventData eventData,
        InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        Check(command, eventData);
        return ValueTask.FromResult(result);
    }

    /// <summary>Whether <paramref name="sql"/> starts, after blanks and <c>--</c> comment lines (EF's query tags), with SELECT or WITH.</summary>
    internal static bool IsRead(string sql)
    {
        var rest = sql.AsSpan().TrimStart();
        while (rest.StartsWith("--"))
        {
            var end = rest.IndexOf('\n');
            rest = end < 0 ? [] : rest[(end + 1)..].TrimStart();
        }

        return rest.StartsWith("SELECT", StringComparison.OrdinalIgnoreCase) || rest.StartsWith("WITH", StringComparison.OrdinalIgnoreCase);
    }

    private void Check(DbCommand command, CommandEventData eventData)
    {
        if (eventData.Context is { } db && _preparing.TryGetValue(db, out _) && !IsRead(command.CommandText))
        {
            throw UnitOfWork.WriteBeforeBegin();
        }
    }
}

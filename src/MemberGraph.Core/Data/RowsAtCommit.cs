using System.Data.Common;
using System.Runtime.CompilerServices;
using MemberGraph.Audit;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.EntityFrameworkCore.Storage;

namespace MemberGraph.Data;

/// <summary>
/// Writes a transaction's rows that nothing reads back inside it — its audit lines, and the coupon history entries of a claim, a
/// write-off or a coupon given back on a refund — together, just before it commits, instead of one INSERT per row or per save.
/// A refund writes three audit lines (its own, the commission clawback's, the coupon given back), each handler saving on its own;
/// EF Core's SQLite provider sent each as a statement. A claim wrote its history entry and then its audit line, each a round
/// trip on PostgreSQL while the claim held its template's row lock, which every other claim of that template waits for. The rows
/// still commit, or roll back, with the change they describe: they go in, one multi-row INSERT per type and all in one command
/// (<see cref="MultiRowInsert.InsertWithoutKeysByTypeAsync"/>), when the transaction commits, in the order they were held. A save
/// inside a transaction leaves its added <see cref="AuditEntry"/> rows to this interceptor; a save outside a transaction writes
/// its lines itself, as before.
/// <para>
/// <see cref="AuditLog"/> and <c>CouponHistory</c> hand a row to <see cref="TryHold"/> first: inside a transaction this interceptor
/// began on its context the row is held at once, without going through the change tracker (adding it, detecting it at the save,
/// detaching it), which an order paid for twice inside SQLite's writer's turn.
/// </para>
/// </summary>
/// <remarks>
/// Nothing reads an audit line's or a history entry's id, or their tables, inside the transaction that writes them; a row held
/// here must not be the parent of another row of the same transaction (it goes in last).
/// </remarks>
public sealed class RowsAtCommit : ISaveChangesInterceptor, IDbTransactionInterceptor
{
    private readonly ConditionalWeakTable<DbContext, HeldRows> _held = [];

    /// <summary>
    /// Holds <paramref name="row"/> for the commit of <paramref name="db"/>'s current transaction when this interceptor saw that
    /// transaction begin (so it will see it commit); false otherwise, and the caller writes the row itself as before.
    /// </summary>
    public bool TryHold(MemberGraphDb db, object row)
    {
        if (!_held.TryGetValue(db, out var held) || held.Transaction is not { } began
            || db.Database.CurrentTransaction is not { } current || !ReferenceEquals(current.GetDbTransaction(), began))
        {
            return false;
        }

        held.Rows.Add(row);
        return true;
    }

    public InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        Hold(eventData.Context);
        return result;
    }

    public ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData, InterceptionResult<int> result,
        CancellationToken cancellationToken = default)
    {
        Hold(eventData.Context);
        return ValueTask.FromResult(result);
    }

    /// <summary>A new transaction starts with nothing held (a context from the pool, or one whose last transaction rolled back).</summary>
    public DbTransaction TransactionStarted(DbConnection connection, TransactionEndEventData eventData, DbTransaction result)
    {
        Began(eventData.Context, result);
        return result;
    }

    public ValueTask<DbTransaction> TransactionStartedAsync(DbConnection connection, TransactionEndEventData eventData, DbTransaction result,
        CancellationToken cancellationToken = default)
    {
        Began(eventData.Context, result);
        return ValueTask.FromResult(result);
    }

    private void Began(DbContext? context, DbTransaction transaction)
    {
        if (context is null)
        {
            return;
        }

        var held = _held.GetOrCreateValue(context);
        held.Rows.Clear();
        held.Transaction = transaction;
    }

    public InterceptionResult TransactionCommitting(DbTransaction transaction, TransactionEventData eventData, InterceptionResult result)
    {
        if (Take(eventData.Context) is { } rows)
        {
            MultiRowInsert.InsertWithoutKeysByType((MemberGraphDb)eventData.Context!, rows);
        }

        return result;
    }

    public async ValueTask<InterceptionResult> TransactionCommittingAsync(DbTransaction transaction, TransactionEventData eventData, InterceptionResult result,
        CancellationToken cancellationToken = default)
    {
        if (Take(eventData.Context) is { } rows)
        {
            await MultiRowInsert.InsertWithoutKeysByTypeAsync((MemberGraphDb)eventData.Context!, rows, cancellationToken);
        }

        return result;
    }

    private void Hold(DbContext? context)
    {
        if (context is not MemberGraphDb db || db.Database.CurrentTransaction is null)
        {
            return;
        }

        // Audit lines are only ever added, never found through a navigation: no change detection is needed to see them, and
        // the save runs its own over everything tracked right after this.
        List<Microsoft.EntityFrameworkCore.ChangeTracking.EntityEntry<AuditEntry>> added;
        using (new ChangeDetectionOff(db))
        {
            added = [.. db.ChangeTracker.Entries<AuditEntry>().Where(e => e.State == EntityState.Added)];
        }

        if (added.Count == 0)
        {
            return;
        }

        var held = _held.GetOrCreateValue(db).Rows;
        foreach (var entry in added)
        {
            held.Add(entry.Entity);
            entry.State = EntityState.Detached;
        }
    }

    private List<object>? Held(DbContext? context) => context is not null && _held.TryGetValue(context, out var held) ? held.Rows : null;

    private List<object>? Take(DbContext? context)
    {
        if (Held(context) is not { Count: > 0 } held)
        {
            return null;
        }

        List<object> rows = [.. held];
        held.Clear();
        return rows;
    }

    /// <summary>The rows held for a context's transaction, and that transaction (the one this interceptor saw begin).</summary>
    private sealed class HeldRows
    {
        public List<object> Rows { get; } = [];

        public DbTransaction? Transaction { get; set; }
    }
}

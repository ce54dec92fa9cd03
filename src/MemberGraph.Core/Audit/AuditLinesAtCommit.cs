using System.Data.Common;
using System.Runtime.CompilerServices;
using MemberGraph.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.EntityFrameworkCore.Storage;

namespace MemberGraph.Audit;

/// <summary>
/// Writes a transaction's audit lines together, in one INSERT just before it commits, instead of one INSERT per line at each
/// save. A refund writes three (its own, the commission clawback's, the coupon given back), each handler saving on its own;
/// EF Core's SQLite provider sent each as a statement. The lines still commit, or roll back, with the change they describe:
/// inside a transaction a save leaves the added <see cref="AuditEntry"/> rows to this interceptor, which inserts them, in the
/// order they were recorded, when the transaction commits. A save outside a transaction writes its lines itself, as before.
/// <para>
/// <see cref="AuditLog"/> hands a line to <see cref="TryHold"/> first: inside a transaction this interceptor began on its context the
/// line is held at once, without going through the change tracker (adding it, detecting it at the save, detaching it), which an
/// order paid for twice inside SQLite's writer's turn.
/// </para>
/// </summary>
/// <remarks>Nothing reads an audit line's id, or the audit table, inside the transaction that writes it.</remarks>
public sealed class AuditLinesAtCommit : ISaveChangesInterceptor, IDbTransactionInterceptor
{
    private readonly ConditionalWeakTable<DbContext, HeldLines> _held = [];

    /// <summary>
    /// Holds <paramref name="line"/> for the commit of <paramref name="db"/>'s current transaction when this interceptor saw that
    /// transaction begin (so it will see it commit); false otherwise, and the caller adds the line to the context as before.
    /// </summary>
    public bool TryHold(MemberGraphDb db, AuditEntry line)
    {
        if (!_held.TryGetValue(db, out var held) || held.Transaction is not { } began
            || db.Database.CurrentTransaction is not { } current || !ReferenceEquals(current.GetDbTransaction(), began))
        {
            return false;
        }

        held.Lines.Add(line);
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
        held.Lines.Clear();
        held.Transaction = transaction;
    }

    public InterceptionResult TransactionCommitting(DbTransaction transaction, TransactionEventData eventData, InterceptionResult result)
    {
        if (Take(eventData.Context) is { } lines)
        {
            MultiRowInsert.InsertWithoutKeys((MemberGraphDb)eventData.Context!, lines);
        }

        return result;
    }

    public async ValueTask<InterceptionResult> TransactionCommittingAsync(DbTransaction transaction, TransactionEventData eventData, InterceptionResult result,
        CancellationToken cancellationToken = default)
    {
        if (Take(eventData.Context) is { } lines)
        {
            await MultiRowInsert.InsertWithoutKeysAsync((MemberGraphDb)eventData.Context!, lines, cancellationToken);
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

        var held = _held.GetOrCreateValue(db).Lines;
        foreach (var entry in added)
        {
            held.Add(entry.Entity);
            entry.State = EntityState.Detached;
        }
    }

    private List<AuditEntry>? Held(DbContext? context) => context is not null && _held.TryGetValue(context, out var held) ? held.Lines : null;

    private List<AuditEntry>? Take(DbContext? context)
    {
        if (Held(context) is not { Count: > 0 } held)
        {
            return null;
        }

        List<AuditEntry> lines = [.. held];
        held.Clear();
        return lines;
    }

    /// <summary>The lines held for a context's transaction, and that transaction (the one this interceptor saw begin).</summary>
    private sealed class HeldLines
    {
        public List<AuditEntry> Lines { get; } = [];

        public DbTransaction? Transaction { get; set; }
    }
}

using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;

namespace MemberGraph.Data;

/// <summary>
/// EF Core's automatic change detection off until disposed, then as it was: for marking rows (<c>Entry(row).State = ...</c>) or
/// listing tracked entries without a scan of everything tracked each time; the next save detects changes anyway.
/// <c>using (new ChangeDetectionOff(db)) { ... }</c>.
/// </summary>
internal readonly struct ChangeDetectionOff : IDisposable
{
    private readonly ChangeTracker _tracker;
    private readonly bool _was;

    public ChangeDetectionOff(DbContext db)
    {
        _tracker = db.ChangeTracker;
        _was = _tracker.AutoDetectChangesEnabled;
        _tracker.AutoDetectChangesEnabled = false;
    }

    public void Dispose() => _tracker.AutoDetectChangesEnabled = _was;
}

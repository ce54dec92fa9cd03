using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking.Internal;
using Microsoft.EntityFrameworkCore.Infrastructure;

namespace MemberGraph.Data;

/// <summary>
/// Rows read by a <see cref="SqlRead{TRow}"/> tracked by the context as a tracking query would leave them: Unchanged, and when the
/// context already tracks the row with that key, that instance instead (identity resolution: one object per row per context).
/// </summary>
public static class TrackedRows
{
    /// <summary>Whether the context tracks this instance (in any state), found without detecting changes.</summary>
    public static bool IsTracked(MemberGraphDb db, object row)
    {
#pragma warning disable EF1001
        return db.GetService<IStateManager>().TryGetEntry(row, throwOnNonUniqueness: false) is not null;
#pragma warning restore EF1001
    }

    public static T Track<T>(MemberGraphDb db, T row)
        where T : class
    {
        var key = db.Model.FindEntityType(typeof(T))!.FindPrimaryKey()!;
        var keyValue = key.Properties[0].GetGetter().GetClrValue(row);
        // The state manager's identity map is the one look-up by key that neither scans the tracked entities nor detects changes
        // (ChangeTracker.Entries and DbSet.Local both do); it is what EF's own tracking queries use.
#pragma warning disable EF1001
        var tracked = db.GetService<IStateManager>().TryGetEntry(key, [keyValue])?.Entity;
#pragma warning restore EF1001
        if (tracked is not null)
        {
            return (T)tracked;
        }

        using (new ChangeDetectionOff(db))
        {
            db.Entry(row).State = EntityState.Unchanged;
        }

        return row;
    }
}

using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace MemberGraph.Data;

/// <summary>
/// PostgreSQL keeps timestamps to the microsecond, .NET to the tenth of one. Rounding the entities' times down before
/// they are saved makes what a mutation answers equal to what a replay later reads back (an idempotent retry must answer
/// the first answer, byte for byte), and equal to what the row holds.
/// </summary>
internal sealed class PostgresMicroseconds : SaveChangesInterceptor
{
    public override InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        Truncate(eventData.Context);
        return result;
    }

    public override ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        Truncate(eventData.Context);
        return ValueTask.FromResult(result);
    }

    private static void Truncate(DbContext? context)
    {
        if (context is null)
        {
            return;
        }

        foreach (var entry in context.ChangeTracker.Entries())
        {
            if (entry.State is not (EntityState.Added or EntityState.Modified))
            {
                continue;
            }

            foreach (var property in entry.Properties)
            {
                if (property.CurrentValue is DateTime time && time.Ticks % TimeSpan.TicksPerMicrosecond != 0)
                {
                    property.CurrentValue = Truncate(time);
                }
            }
        }
    }

    /// <summary>The time to the microsecond, as PostgreSQL keeps it.</summary>
    internal static DateTime Truncate(DateTime time) => new(time.Ticks - time.Ticks % TimeSpan.TicksPerMicrosecond, time.Kind);
}

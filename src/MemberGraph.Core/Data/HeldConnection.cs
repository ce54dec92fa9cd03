using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace MemberGraph.Data;

/// <summary>
/// A connection a flow keeps open between its reads (the GraphQL loaders' one per request) and gives up when that flow
/// opens another: a request then holds one pooled connection at a time, never one idle while it waits for a second —
/// with many such requests in parallel, a PostgreSQL pool would run dry with every request waiting on itself. Only
/// providers with a bounded pool yield (see AddMemberGraphData): SQLite's has no bound.
/// </summary>
public interface IHeldConnection
{
    /// <summary>Whether this context is the one holding the connection (its own opening gives nothing up).</summary>
    bool Holds(DbContext context);

    /// <summary>Closes the connection if no read is on it now; the holder opens it again at its next read.</summary>
    ValueTask YieldAsync();

    /// <inheritdoc cref="YieldAsync"/>
    void Yield();
}

/// <summary>Makes the flow's <see cref="IHeldConnection"/> (see <see cref="Hold"/>) step aside before any other context opens one.</summary>
public sealed class HeldConnectionYield : DbConnectionInterceptor
{
    private static readonly AsyncLocal<IHeldConnection?> Held = new();

    /// <summary>From here on, in the calling flow and what it awaits, <paramref name="holder"/> yields to any other opening.</summary>
    public static void Hold(IHeldConnection holder) => Held.Value = holder;

    public override InterceptionResult ConnectionOpening(DbConnection connection, ConnectionEventData eventData, InterceptionResult result)
    {
        if (OtherThan(eventData.Context) is { } held)
        {
            held.Yield();
        }

        return result;
    }

    public override async ValueTask<InterceptionResult> ConnectionOpeningAsync(
        DbConnection connection, ConnectionEventData eventData, InterceptionResult result, CancellationToken cancellationToken = default)
    {
        if (OtherThan(eventData.Context) is { } held)
        {
            await held.YieldAsync();
        }

        return result;
    }

    private static IHeldConnection? OtherThan(DbContext? opening) =>
        Held.Value is { } held && (opening is null || !held.Holds(opening)) ? held : null;
}

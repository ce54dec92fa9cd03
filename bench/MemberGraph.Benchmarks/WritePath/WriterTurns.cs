using System.Globalization;
using MemberGraph.Data;

namespace MemberGraph.Benchmarks.WritePath;

/// <summary>
/// SQLite's one writer, as `/graphql`'s units of work used it during the measured slices (the hand-written twins do not queue):
/// how long a turn was held (on average, and the longest), how long a waiting writer took to start once the turn was passed, and the share of the slices' time
/// the turn was taken. Near 100 %, the turn is what limits the writes, and a request's wait is about the turns queued before it.
/// </summary>
internal static class WriterTurns
{
    /// <summary>Prints the turns' figures and returns them; null on PostgreSQL, where nobody queues.</summary>
    public static Figures? Report(WriterQueueFigures before, WriterQueueFigures after, TimeSpan heldDuringGraphQL, TimeSpan longest, int seconds)
    {
        var turns = after.Turns - before.Turns;
        if (turns == 0)
        {
            return null;
        }

        var held = (after.Held - before.Held).TotalMilliseconds / turns;
        var handovers = after.Handovers - before.Handovers;
        var handedOver = handovers == 0 ? 0 : (after.HandedOver - before.HandedOver).TotalMilliseconds / handovers;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"  writer's turn (/graphql): held {held:F2} ms per write (longest {longest.TotalMilliseconds:F1} ms), {handedOver:F3} ms to hand over, taken {heldDuringGraphQL.TotalSeconds / seconds:P0} of the time"));
        return new Figures(held, longest.TotalMilliseconds, heldDuringGraphQL.TotalSeconds / seconds);
    }

    /// <param name="HeldMilliseconds">Mean time a write held the turn.</param>
    /// <param name="LongestMilliseconds">The longest turn of the measured slices.</param>
    /// <param name="Taken">Share of the slices' time the turn was held by somebody.</param>
    public sealed record Figures(double HeldMilliseconds, double LongestMilliseconds, double Taken);
}

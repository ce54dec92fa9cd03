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
    public static void Report(WriterQueueFigures before, WriterQueueFigures after, TimeSpan heldDuringGraphQL, TimeSpan longest, int seconds)
    {
        var turns = after.Turns - before.Turns;
        if (turns == 0)
        {
            return; // PostgreSQL: nobody queues
        }

        var held = (after.Held - before.Held).TotalMilliseconds / turns;
        var handovers = after.Handovers - before.Handovers;
        var handedOver = handovers == 0 ? 0 : (after.HandedOver - before.HandedOver).TotalMilliseconds / handovers;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"  writer's turn (/graphql): held {held:F2} ms per write (longest {longest.TotalMilliseconds:F1} ms), {handedOver:F3} ms to hand over, taken {heldDuringGraphQL.TotalSeconds / seconds:P0} of the time"));
    }
}

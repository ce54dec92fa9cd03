using MemberGraph.Domain;
using MemberGraph.Orders;

namespace MemberGraph.Operations.Journeys;

/// <summary>The active NTH_PURCHASE journeys as they stood before an order's write turn, noted on its unit of work.</summary>
public sealed record NthPurchaseJourneys(IReadOnlyList<Journey> Journeys);

/// <summary>
/// Reads the active NTH_PURCHASE journeys of an order before its write turn (<see cref="OrderRecording"/>), for
/// <see cref="EnrolOnNthPurchase"/>: their definitions need no lock, only the purchase count does, so every order queued behind
/// this one no longer waits out this read. A journey activated or stopped in the same millisecond counts from the next order.
/// </summary>
public sealed class FindNthPurchaseJourneys : IDomainEventHandler<OrderRecording>
{
    public async Task HandleAsync(OrderRecording recording, UnitOfWork work, CancellationToken cancellationToken) =>
        work.Note(recording.Order, new NthPurchaseJourneys(await JourneyEnroller.ActiveAsync(work, JourneyTriggerKind.NthPurchase, cancellationToken)));
}

using MemberGraph.Auth;
using MemberGraph.Domain;

namespace MemberGraph.Orders;

/// <summary>
/// An order was recorded for the first time (a replay raises nothing): <see cref="Order"/> is saved with its lines
/// and tracked by the unit of work (its lines' points were set before, by <see cref="OrderRecording"/>). Handlers fill in what
/// their feature adds to the order (the attributed guide) and react to it (the points lot, commission, the tier) in the order's transaction.
/// </summary>
public sealed record OrderRecorded(Order Order, Caller RecordedBy) : IDomainEvent;

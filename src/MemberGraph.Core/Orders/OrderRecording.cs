using MemberGraph.Auth;
using MemberGraph.Domain;

namespace MemberGraph.Orders;

/// <summary>
/// An order about to be written for the first time: <see cref="Order"/> and its lines are built but not saved (no ids yet).
/// Handlers complete what the order's own rows carry (each line's points), so that the rows are inserted whole instead of
/// inserted and then updated. What needs the order's id (the points lot, commission lines) handles <see cref="OrderRecorded"/>.
/// </summary>
public sealed record OrderRecording(Order Order, Caller RecordedBy) : IDomainEvent;

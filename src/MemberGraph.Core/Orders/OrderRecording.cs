using MemberGraph.Auth;
using MemberGraph.Domain;

namespace MemberGraph.Orders;

/// <summary>
/// An order about to be written for the first time: <see cref="Order"/> and its lines are built but not saved (no ids yet).
/// Handlers complete what the order's own rows carry (each line's points), so that the rows are inserted whole instead of
/// inserted and then updated. What needs the order's id (the points lot, commission lines) handles <see cref="OrderRecorded"/>.
/// <para>
/// Raised in a unit of work that has not begun (<see cref="DomainEventDispatcher.Prepare"/>): its handlers run before the transaction
/// and SQLite's writer's turn, so they only read — any write fails — and note on the unit of work what a later handler needs. They see
/// what had committed when they read, not what the write lock would show (see <c>OrderService</c>).
/// </para>
/// </summary>
public sealed record OrderRecording(Order Order, Caller RecordedBy) : IDomainEvent;

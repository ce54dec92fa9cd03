using MemberGraph.Auth;
using MemberGraph.Domain;

namespace MemberGraph.Privacy.Erasure;

/// <summary>
/// A member asked to be erased (or an admin for them): raised in the transaction that created the pending request. What
/// must stop at once rather than at the end of the cooling-off period reacts here — sharing with partners
/// (<c>Partners/RevokeConsentsOnErasure</c>).
/// </summary>
public sealed record ErasureRequested(long MemberId, long RequestId, Caller RequestedBy, DateTime OccurredAt) : IDomainEvent;

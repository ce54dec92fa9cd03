using MemberGraph.Domain;

namespace MemberGraph.Members;

/// <summary>
/// A new member was created by OneID resolution (a mini-program sign-in, a phone binding, an order or a WeCom contact
/// nobody was known by), raised in that transaction; <paramref name="Reason"/> is what resolved them ("signInWithWeChat", ...).
/// </summary>
public sealed record MemberRegistered(long MemberId, string Reason, DateTime OccurredAt) : IDomainEvent;

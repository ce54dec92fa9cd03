using MemberGraph.Members;

namespace MemberGraph.Orders;

/// <summary>One identity the channel knows the buyer by; resolved through OneID.</summary>
public sealed record OrderIdentity(IdentityChannel Channel, string ExternalId);

/// <summary>
/// The member the till already knows the buyer as: the dynamic member code the mini-program shows
/// (<see cref="MemberCode"/>) or the member's id (<see cref="MemberId"/>, already decoded). Exactly one is set.
/// </summary>
public sealed record OrderMemberReference(string? MemberCode, long? MemberId);

public sealed record RecordOrderLine(string Sku, ProductCategory Category, int Quantity, long AmountCents);

/// <summary>What <c>recordOrder</c> asks for (ids already decoded).</summary>
public sealed record RecordOrderCommand(
    SalesChannel Channel,
    string ChannelOrderId,
    IReadOnlyList<OrderIdentity> Identities,
    long? StoreId,
    string? GuideCode,
    string? ShareParameter,
    IReadOnlyList<RecordOrderLine> Lines,
    long PaidAmountCents,
    DateTime PaidAt,
    OrderMemberReference? Member = null);

/// <summary>A line to refund: all of its remaining quantity unless <see cref="Quantity"/> says how many.</summary>
public sealed record RefundLineRequest(int LineNumber, int? Quantity);

/// <summary>
/// What <c>refundOrder</c> asks for. The order is named by its id or by (channel, channel order id). With lines it
/// refunds those lines; with an amount it spreads the amount over the lines; with neither, everything left.
/// </summary>
public sealed record RefundOrderCommand(
    long? OrderId,
    SalesChannel? Channel,
    string? ChannelOrderId,
    string RefundId,
    IReadOnlyList<RefundLineRequest>? Lines,
    long? AmountCents,
    string? Reason);

/// <summary>The order as recorded; <see cref="Replayed"/> when this was a replay of an order already recorded.</summary>
public sealed record RecordedOrder(Order Order, bool Replayed);

public sealed record RecordedRefund(Order Order, OrderRefund Refund, bool Replayed);

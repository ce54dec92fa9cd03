namespace MemberGraph.Tests.Realtime;

/// <summary>The subscription documents the realtime tests send.</summary>
public static class Subscriptions
{
    public const string PointsChanged = """
        subscription { pointsChanged { balance pending occurredAt entry { kind amount pendingChange balanceAfter pendingAfter reason source { kind id } } } }
        """;

    public const string CouponUpdated = """
        subscription { couponUpdated { change status validUntil occurredAt coupon { id status reservedForOrderRef template { name } } } }
        """;

    public const string CustomerBound = """
        subscription { customerBound { kind source occurredAt member { id } relationship { kind source guide { id } member { id } } } }
        """;

    public const string CommissionUpdated = """
        subscription { commissionUpdated { reason commissionDeltaCents amountCents orderId lineNumber sku category occurredAt totals { today month pending settled clawedBack } } }
        """;
}

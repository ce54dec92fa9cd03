using MemberGraph.Orders;

namespace MemberGraph.Commission;

/// <summary>The guide an order is credited to (with the guide's store), and why.</summary>
public sealed record Attribution(long? GuideId, long? GuideStoreId, AttributionSource Source)
{
    public static readonly Attribution None = new(null, null, AttributionSource.None);
}

using System.ComponentModel;

namespace MemberGraph.Orders;

/// <summary>Why an order is attributed to its guide (or that it is not).</summary>
public enum AttributionSource
{
    [Description("No active guide could be credited with the order.")]
    None = 0,

    [Description("The order carried the guide's code (till entry, QR code).")]
    GuideCode = 1,

    [Description("The order came through a link the guide shared (share parameter gc=CODE).")]
    ShareLink = 2,

    [Description("The order came from a live stream hosted by the guide (share parameter live=ID).")]
    LiveStream = 3,

    [Description("The member's exclusive guide when the order was recorded.")]
    ExclusiveGuide = 4,
}

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

/// <summary>The guide an order is credited to (with the guide's store), and why.</summary>
public sealed record Attribution(long? GuideId, long? GuideStoreId, AttributionSource Source)
{
    public static readonly Attribution None = new(null, null, AttributionSource.None);
}

/// <summary>
/// The share parameter an order carries from a share card or live stream: <c>key=value</c> pairs separated by
/// <c>&amp;</c> or <c>;</c> (keys case-insensitive, unknown keys ignored). <c>gc=GSH00101</c> is the code of the
/// guide who shared the link; <c>live=L20261111</c> names a live stream, whose host guide is <c>gc</c> when the
/// parameter has one, else the guide configured for the stream (<c>Commission:LiveStreams</c>).
/// </summary>
public sealed record ShareParameter(string? GuideCode, string? LiveStreamId)
{
    public static ShareParameter Parse(string? value)
    {
        string? guideCode = null, live = null;
        foreach (var pair in (value ?? "").Split(['&', ';'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var equals = pair.IndexOf('=');
            if (equals <= 0 || equals == pair.Length - 1)
            {
                continue;
            }

            var (key, text) = (pair[..equals].Trim(), Uri.UnescapeDataString(pair[(equals + 1)..].Trim()));
            if (key.Equals("gc", StringComparison.OrdinalIgnoreCase))
            {
                guideCode ??= text;
            }
            else if (key.Equals("live", StringComparison.OrdinalIgnoreCase))
            {
                live ??= text;
            }
        }

        return new ShareParameter(guideCode, live);
    }
}

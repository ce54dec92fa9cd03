namespace MemberGraph.Commission;

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

using System.Globalization;

namespace MemberGraph.Tencent.WeCom;

/// <summary>
/// The replay window of callbacks: the signed <c>timestamp</c> and the event's <c>CreateTime</c> (the part of its
/// replay key that dates it) must be within <see cref="WeComOptions.CallbackMaxAge"/> of our clock. That is what lets
/// the replay keys be purged at all: a delivery older than the window is refused by its time, key or no key.
/// </summary>
public static class WeComCallbackAge
{
    /// <summary>Why <paramref name="unixSeconds"/> (what <paramref name="name"/> says) is outside the window, or null when it is inside.</summary>
    public static string? Refusal(string name, string unixSeconds, DateTimeOffset now, TimeSpan maxAge) =>
        long.TryParse(unixSeconds, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds)
            ? Refusal(name, seconds, now, maxAge)
            : $"{name} '{unixSeconds}' is not a Unix time in seconds";

    public static string? Refusal(string name, long unixSeconds, DateTimeOffset now, TimeSpan maxAge)
    {
        if (unixSeconds < now.Add(-maxAge).ToUnixTimeSeconds())
        {
            return $"{name} {unixSeconds} is older than WeCom:CallbackMaxAge ({maxAge}) by our clock ({now.ToUnixTimeSeconds()}): a recorded delivery sent again";
        }

        return unixSeconds > now.Add(maxAge).ToUnixTimeSeconds()
            ? $"{name} {unixSeconds} is more than WeCom:CallbackMaxAge ({maxAge}) ahead of our clock ({now.ToUnixTimeSeconds()})"
            : null;
    }
}

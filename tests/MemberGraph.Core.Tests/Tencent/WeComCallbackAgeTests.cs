using MemberGraph.Tencent.WeCom;

namespace MemberGraph.Core.Tests.Tencent;

/// <summary>The replay window of callbacks: a timestamp within CallbackMaxAge of our clock, either way, inclusive.</summary>
public sealed class WeComCallbackAgeTests
{
    private static readonly DateTimeOffset Now = DateTimeOffset.FromUnixTimeSeconds(1_700_000_000);
    private static readonly TimeSpan MaxAge = TimeSpan.FromMinutes(5);

    [Theory]
    [InlineData(1_700_000_000L)]
    [InlineData(1_699_999_700L)] // exactly 300 s old
    [InlineData(1_700_000_300L)] // exactly 300 s ahead
    public void Timestamps_within_the_window_are_accepted(long seconds)
    {
        Assert.Null(WeComCallbackAge.Refusal("timestamp", seconds, Now, MaxAge));
    }

    [Fact]
    public void One_second_too_old_is_a_replay()
    {
        Assert.Equal(
            "timestamp 1699999699 is older than WeCom:CallbackMaxAge (00:05:00) by our clock (1700000000): a recorded delivery sent again",
            WeComCallbackAge.Refusal("timestamp", 1_699_999_699, Now, MaxAge));
    }

    [Fact]
    public void One_second_too_far_ahead_is_refused()
    {
        Assert.Equal(
            "CreateTime 1700000301 is more than WeCom:CallbackMaxAge (00:05:00) ahead of our clock (1700000000)",
            WeComCallbackAge.Refusal("CreateTime", 1_700_000_301, Now, MaxAge));
    }

    [Theory]
    [InlineData("abc")]
    [InlineData("-5")]          // no sign
    [InlineData(" 1700000000")] // no spaces
    [InlineData("1.7e9")]
    [InlineData("")]
    public void Text_that_is_not_unix_seconds_is_refused_as_such(string text)
    {
        Assert.Equal($"timestamp '{text}' is not a Unix time in seconds", WeComCallbackAge.Refusal("timestamp", text, Now, MaxAge));
    }

    [Fact]
    public void Text_in_the_window_is_read_as_seconds()
    {
        Assert.Null(WeComCallbackAge.Refusal("timestamp", "1700000000", Now, MaxAge));
    }
}

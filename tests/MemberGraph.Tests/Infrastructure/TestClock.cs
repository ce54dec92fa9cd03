namespace MemberGraph.Tests.Infrastructure;

/// <summary>A clock a test moves by hand: register it with <c>GatewayHost.StartAsync(services: s => s.AddSingleton&lt;TimeProvider&gt;(clock))</c>.</summary>
public sealed class TestClock(DateTimeOffset start) : TimeProvider
{
    private long _ticks = start.UtcTicks;

    public TestClock() : this(DateTimeOffset.UtcNow)
    {
    }

    public override DateTimeOffset GetUtcNow() => new(Interlocked.Read(ref _ticks), TimeSpan.Zero);

    public void Advance(TimeSpan by) => Interlocked.Add(ref _ticks, by.Ticks);
}

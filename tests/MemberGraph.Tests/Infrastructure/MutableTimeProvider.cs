namespace MemberGraph.Tests.Infrastructure;

/// <summary>
/// A clock tests move by hand. Register it with <c>GatewayHost.StartAsync(services: s => s.AddSingleton&lt;TimeProvider&gt;(clock))</c>.
/// Tokens are validated against the real clock, so mint them before moving this one far ahead.
/// </summary>
public sealed class MutableTimeProvider(DateTimeOffset start) : TimeProvider
{
    private long _ticks = start.UtcTicks;

    public MutableTimeProvider() : this(DateTimeOffset.UtcNow)
    {
    }

    public override DateTimeOffset GetUtcNow() => new(Interlocked.Read(ref _ticks), TimeSpan.Zero);

    public void Advance(TimeSpan by) => Interlocked.Add(ref _ticks, by.Ticks);

    public void Set(DateTimeOffset at) => Interlocked.Exchange(ref _ticks, at.UtcTicks);
}

using Microsoft.Extensions.DependencyInjection;

namespace MemberGraph.Tests.Infrastructure;

/// <summary>
/// The default demo (the people the README's tour uses) seeded on a clock that stands still at <see cref="At"/>: the seed
/// is deterministic (fixed random seed) and every date it writes or a query computes ("expiring soon", tier windows, the
/// member code's expiry) is relative to that instant, so answers are the same on every run — what snapshots need. Read-only
/// for its tests. Tokens are minted on the real clock (<see cref="GatewayHost.Token"/>), which the gateway checks them against.
/// </summary>
public sealed class FixedClockDemoFixture : IAsyncLifetime
{
    /// <summary>2026-11-23 12:00 in China.</summary>
    public static readonly DateTimeOffset At = new(2026, 11, 23, 4, 0, 0, TimeSpan.Zero);

    public GatewayHost Gateway { get; private set; } = null!;

    public async Task InitializeAsync() => Gateway = await GatewayHost.StartAsync(
        new Dictionary<string, string?> { ["MemberGraph:SeedDemoData"] = "true" },
        services: s => s.AddSingleton<TimeProvider>(new MutableTimeProvider(At)));

    public async Task DisposeAsync() => await Gateway.DisposeAsync();
}

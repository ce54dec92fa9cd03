namespace MemberGraph.Tiers;

/// <summary>The <c>Tiers</c> configuration section: levels by growth threshold and the rolling window.</summary>
public sealed class TierOptions
{
    public const string Section = "Tiers";

    /// <summary>Growth counts paid amounts (net of refunds) of orders paid within this many months.</summary>
    public int WindowMonths { get; set; } = 12;

    /// <summary>Levels from lowest to highest; the first must have threshold 0. Empty means the built-in four.</summary>
    public List<TierLevel> Levels { get; set; } = [];

    public static readonly IReadOnlyList<TierLevel> DefaultLevels =
    [
        new() { Key = "BASE", Name = "普通", Growth = 0 },
        new() { Key = "SILVER", Name = "银卡", Growth = 100_000 },
        new() { Key = "GOLD", Name = "金卡", Growth = 500_000 },
        new() { Key = "BLACK_GOLD", Name = "黑金", Growth = 2_000_000 },
    ];
}

/// <summary>One level: its display name and the growth (cents) that reaches it.</summary>
public sealed class TierLevel
{
    /// <summary>Stable key used by tag rules and segment expressions (<c>tier = GOLD</c>); optional.</summary>
    public string? Key { get; set; }

    public string Name { get; set; } = "";
    public long Growth { get; set; }
}

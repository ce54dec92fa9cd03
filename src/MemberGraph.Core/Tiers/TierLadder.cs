using Microsoft.Extensions.Options;

namespace MemberGraph.Tiers;

/// <summary>The configured levels as lookups: which level a growth reaches, what the next threshold is.</summary>
public sealed class TierLadder(IOptions<TierOptions> options)
{
    private IReadOnlyList<TierLevel> Levels => options.Value.Levels is { Count: > 0 } levels ? levels : TierOptions.DefaultLevels;

    public int Top => Levels.Count - 1;

    public int LevelFor(long growth)
    {
        var level = 0;
        for (var i = 1; i < Levels.Count; i++)
        {
            if (growth >= Levels[i].Growth)
            {
                level = i;
            }
        }

        return level;
    }

    public string NameOf(int level) => Levels[Math.Clamp(level, 0, Top)].Name;

    /// <summary>The growth that reaches the level above <paramref name="level"/>; null at the top.</summary>
    public long? NextThreshold(int level) => level < Top ? Levels[level + 1].Growth : null;

    /// <summary>The level a tag rule or segment names: its number, its key (GOLD) or its name (金卡), any case; null when none matches.</summary>
    public int? Find(string level)
    {
        var text = level.Trim();
        if (int.TryParse(text, out var number))
        {
            return number >= 0 && number <= Top ? number : null;
        }

        for (var i = 0; i < Levels.Count; i++)
        {
            if (string.Equals(Levels[i].Key, text, StringComparison.OrdinalIgnoreCase) || string.Equals(Levels[i].Name, text, StringComparison.OrdinalIgnoreCase))
            {
                return i;
            }
        }

        return null;
    }

    /// <summary>Orders paid at or after this instant count towards growth at <paramref name="now"/>.</summary>
    public DateTime WindowStart(DateTime now) => now.AddMonths(-options.Value.WindowMonths);
}

using MemberGraph.Data;
using MemberGraph.Segments;
using MemberGraph.Stores;
using MemberGraph.Tags;
using MemberGraph.Tags.Rules;
using MemberGraph.Tiers;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace MemberGraph.Tests.Tags;

/// <summary>
/// No SQL Server runs here, so the rule and segment queries are translated by the SQL Server provider without a
/// connection (ToQueryString): a LINQ construct only SQLite understands fails this test instead of production.
/// </summary>
public sealed class SqlServerTranslationTests
{
    private static readonly DateTime Now = new(2026, 3, 15, 4, 0, 0, DateTimeKind.Utc);

    public static TheoryData<TagRule> SqlRules => new()
    {
        new TagRule { Kind = TagRuleKind.Rfm, WindowDays = 90, MinOrders = 2, MaxOrders = 9, MinSpendCents = 1, MaxSpendCents = 9, MinRecencyDays = 1, MaxRecencyDays = 9 },
        new TagRule { Kind = TagRuleKind.CategoryPreference, Category = "IMPORTED_FRUIT", MinSharePercent = 40 },
        new TagRule { Kind = TagRuleKind.PurchaseStage, PurchaseNumber = 2 },
        new TagRule { Kind = TagRuleKind.Lifecycle, Stage = LifecycleStage.New },
        new TagRule { Kind = TagRuleKind.Lifecycle, Stage = LifecycleStage.Dormant },
        new TagRule { Kind = TagRuleKind.BirthdayMonth },
        new TagRule { Kind = TagRuleKind.Tier, Level = "GOLD" },
        new TagRule { Kind = TagRuleKind.Tier, Level = "0" },
    };

    [Theory]
    [MemberData(nameof(SqlRules))]
    public void Rule_queries_translate_for_sql_server_over_ranges_and_listed_ids(TagRule rule)
    {
        using var db = new SqlServerDesignTimeFactory().CreateDbContext([]);
        SqlTagRule evaluator = rule.Kind switch
        {
            TagRuleKind.Rfm => new RfmRule(),
            TagRuleKind.CategoryPreference => new CategoryPreferenceRule(),
            TagRuleKind.PurchaseStage => new PurchaseStageRule(),
            TagRuleKind.Lifecycle => new LifecycleRule(),
            TagRuleKind.BirthdayMonth => new BirthdayMonthRule(),
            _ => new TierRule(new TierLadder(Options.Create(new TierOptions()))),
        };

        foreach (var batch in new[] { new TagBatch(1, 20_000), new TagBatch(3, 900, [3, 40, 900]) })
        {
            var sql = evaluator.Query(new RuleContext(db, batch, Now), rule).ToQueryString();
            Assert.Contains("SELECT", sql, StringComparison.Ordinal);
            Assert.Contains("[Members]", sql, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Favourite_store_and_delivery_radius_candidates_translate_for_sql_server()
    {
        using var db = new SqlServerDesignTimeFactory().CreateDbContext([]);
        var context = new RuleContext(db, new TagBatch(1, 20_000), Now);

        var favourites = new StorePreferenceRule().Favourites(context, new TagRule { Kind = TagRuleKind.StorePreference }).ToQueryString();
        var candidates = DeliveryRadiusRule.Candidates(context, new GeoPoint(31.2, 121.4), 3000).ToQueryString();

        Assert.Contains("TOP(1)", favourites, StringComparison.Ordinal);
        Assert.Contains("[HomeLatitude]", candidates, StringComparison.Ordinal);
    }

    [Fact]
    public void Segment_predicates_translate_for_sql_server()
    {
        using var db = new SqlServerDesignTimeFactory().CreateDbContext([]);
        var (expression, error) = SegmentExpressionParser.Parse("(vip OR gift) AND NOT dormant AND tier = GOLD AND store = SH001 AND city = 上海 AND gender != MALE AND registered = true");
        Assert.Null(error);
        var lookups = new SegmentLookups(
            new Dictionary<string, long> { ["vip"] = 1, ["gift"] = 2, ["dormant"] = 3 },
            new Dictionary<string, (long, string)> { ["SH001"] = (1, "SH001") },
            new Dictionary<string, List<(long, string)>> { ["上海"] = [(1, "SH001"), (2, "SH002")] },
            [7],
            level => level == "GOLD" ? 2 : null);

        var sql = db.Members.Where(new SegmentPredicates(db, lookups).Build(expression!)).ToQueryString();

        Assert.Contains("EXISTS", sql, StringComparison.Ordinal);
        Assert.Contains("[MemberTiers]", sql, StringComparison.Ordinal);
        Assert.Contains("[GuideRelationships]", sql, StringComparison.Ordinal);
    }
}

using MemberGraph.Tags;

namespace MemberGraph.TaggingBench;

/// <summary>One realistic rule per kind, as an operator of the demo fruit chain would define them.</summary>
internal static class BenchRules
{
    public static readonly (string Key, string Name, TagRule Rule)[] All =
    [
        ("bench_high_value", "高价值", new TagRule { Kind = TagRuleKind.Rfm, WindowDays = 365, MinOrders = 3, MinSpendCents = 50_000 }),
        ("bench_loves_imported", "爱进口水果", new TagRule { Kind = TagRuleKind.CategoryPreference, Category = "IMPORTED_FRUIT", MinSharePercent = 40, WindowDays = 180 }),
        ("bench_second_purchase", "第二单", new TagRule { Kind = TagRuleKind.PurchaseStage, PurchaseNumber = 2 }),
        ("bench_favourite_store", "常去门店", new TagRule { Kind = TagRuleKind.StorePreference, WindowDays = 180 }),
        ("bench_near_sh001", "SH001 配送范围内", new TagRule { Kind = TagRuleKind.WithinDeliveryRadius, StoreCode = "SH001" }),
        ("bench_dormant", "沉睡 60 天", new TagRule { Kind = TagRuleKind.Lifecycle, Stage = LifecycleStage.Dormant }),
        ("bench_birthday", "本月生日", new TagRule { Kind = TagRuleKind.BirthdayMonth }),
        ("bench_silver", "银卡", new TagRule { Kind = TagRuleKind.Tier, Level = "SILVER" }),
    ];
}

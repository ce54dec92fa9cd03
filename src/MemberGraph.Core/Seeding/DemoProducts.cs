namespace MemberGraph.Seeding;

/// <summary>The demo chain's product names by SKU, as the till prints them on order lines.</summary>
internal static class DemoProducts
{
    public static readonly IReadOnlyDictionary<string, string> Names = new Dictionary<string, string>
    {
        ["IMP-CHERRY-500G"] = "智利车厘子 500g",
        ["IMP-DURIAN-1PC"] = "泰国金枕榴莲 1个",
        ["IMP-KIWI-6PC"] = "新西兰金果奇异果 6个装",
        ["IMP-MANGO-2PC"] = "澳洲芒果 2个装",
        ["IMP-GRAPE-SHINE"] = "阳光玫瑰葡萄 1串",
        ["DOM-APPLE-1KG"] = "烟台红富士苹果 1kg",
        ["DOM-ORANGE-1KG"] = "赣南脐橙 1kg",
        ["DOM-PEAR-1KG"] = "砀山酥梨 1kg",
        ["DOM-BANANA-1KG"] = "海南香蕉 1kg",
        ["DOM-LYCHEE-500G"] = "妃子笑荔枝 500g",
        ["CUT-MIX-BOX"] = "缤纷果切盒",
        ["CUT-MELON-CUP"] = "哈密瓜果切杯",
        ["CUT-PINEAPPLE-CUP"] = "菠萝果切杯",
        ["CUT-WATERMELON-200G"] = "西瓜果切 200g",
        ["GIFT-FESTIVAL"] = "节日水果礼盒",
        ["GIFT-IMPORT-DELUXE"] = "进口水果尊享礼盒",
        ["GIFT-SEASONAL"] = "当季鲜果礼盒",
        ["JUICE-ORANGE"] = "鲜榨橙汁 400ml",
        ["JUICE-WATERMELON"] = "鲜榨西瓜汁 400ml",
        ["JUICE-MIX"] = "混合果汁 400ml",
    };

    public static string? NameOf(string sku) => Names.GetValueOrDefault(sku);
}

using MemberGraph.Tests.Infrastructure;

namespace MemberGraph.Tests.Tags;

/// <summary>Each rule kind on hand-built customers and orders (through recordOrder/refundOrder) with known expected tags.</summary>
public sealed class TagRuleTests : IAsyncLifetime
{
    private TaggingWorld _world = null!;

    public async Task InitializeAsync() => _world = await TaggingWorld.StartAsync();

    public async Task DisposeAsync() => await _world.DisposeAsync();

    [Fact]
    public async Task Rfm_bands_count_orders_and_net_spend_in_the_window_and_recency_of_the_last_purchase()
    {
        // given
        var highValue = await _world.CustomerAsync();
        await _world.OrderAsync(highValue, 20_000, daysAgo: 10);
        await _world.OrderAsync(highValue, 20_000, daysAgo: 40);
        await _world.OrderAsync(highValue, 20_000, daysAgo: 80);
        var lowSpend = await _world.CustomerAsync();
        await _world.OrderAsync(lowSpend, 15_000, daysAgo: 5);
        await _world.OrderAsync(lowSpend, 15_000, daysAgo: 6);
        var oneInWindow = await _world.CustomerAsync();
        await _world.OrderAsync(oneInWindow, 60_000, daysAgo: 3);
        await _world.OrderAsync(oneInWindow, 60_000, daysAgo: 100);
        await _world.OrderAsync(oneInWindow, 60_000, daysAgo: 120);
        var refunded = await _world.CustomerAsync();
        await _world.OrderAsync(refunded, 30_000, daysAgo: 2);
        await _world.RefundAllAsync(await _world.OrderAsync(refunded, 30_000, daysAgo: 1));
        var lapsed = await _world.CustomerAsync();
        await _world.OrderAsync(lapsed, 9_000, daysAgo: 70);
        await _world.CustomerAsync(); // never bought: in no RFM band
        await _world.DefineAsync("high_value", new { kind = "RFM", windowDays = 90, minOrders = 2, minSpendCents = 50_000 });
        await _world.DefineAsync("at_risk", new { kind = "RFM", minRecencyDays = 60 });

        // when
        await _world.RunAsync();

        // then
        Assert.Equal([highValue.Id], (await _world.TaggedAsync("high_value")).Keys.Order());
        Assert.Equal([lapsed.Id], (await _world.TaggedAsync("at_risk")).Keys.Order());
    }

    [Fact]
    public async Task Category_preference_is_the_share_of_net_spend_in_the_window()
    {
        // given
        object[] Lines(long imported, long domestic) =>
            [LoyaltyApi.Line("IMP-CHERRY", "IMPORTED_FRUIT", 1, imported), LoyaltyApi.Line("DOM-APPLE", "DOMESTIC_FRUIT", 1, domestic)];
        var lover = await _world.CustomerAsync();
        await _world.OrderAsync(lover, 10_000, daysAgo: 20, Lines(6_000, 4_000));
        var below = await _world.CustomerAsync();
        await _world.OrderAsync(below, 10_000, daysAgo: 20, Lines(4_000, 6_000));
        var longAgo = await _world.CustomerAsync();
        await _world.OrderAsync(longAgo, 8_000, daysAgo: 200, Lines(8_000, 0));
        await _world.OrderAsync(longAgo, 2_000, daysAgo: 20, Lines(0, 2_000));
        var refundedImports = await _world.CustomerAsync();
        await _world.OrderAsync(refundedImports, 10_000, daysAgo: 20, Lines(1_000, 9_000));
        await _world.RefundAllAsync(await _world.OrderAsync(refundedImports, 20_000, daysAgo: 10, Lines(20_000, 0)));
        await _world.DefineAsync("loves_imported", new { kind = "CATEGORY_PREFERENCE", category = "IMPORTED_FRUIT", minSharePercent = 50, windowDays = 180 });

        // when
        await _world.RunAsync();

        // then
        Assert.Equal([lover.Id], (await _world.TaggedAsync("loves_imported")).Keys.Order());
    }

    [Fact]
    public async Task Purchase_stage_counts_purchases_so_far_without_fully_refunded_orders()
    {
        // given
        var second = await _world.CustomerAsync();
        await _world.OrderAsync(second, 1_000, daysAgo: 300);
        await _world.OrderAsync(second, 1_000, daysAgo: 2);
        var first = await _world.CustomerAsync();
        await _world.OrderAsync(first, 1_000, daysAgo: 2);
        var third = await _world.CustomerAsync();
        for (var i = 0; i < 3; i++)
        {
            await _world.OrderAsync(third, 1_000, daysAgo: 10 + i);
        }

        var secondAfterRefund = await _world.CustomerAsync();
        await _world.OrderAsync(secondAfterRefund, 1_000, daysAgo: 9);
        await _world.OrderAsync(secondAfterRefund, 1_000, daysAgo: 8);
        await _world.RefundAllAsync(await _world.OrderAsync(secondAfterRefund, 1_000, daysAgo: 7));
        await _world.DefineAsync("purchase_1", new { kind = "PURCHASE_STAGE", purchaseNumber = 1 });
        await _world.DefineAsync("purchase_2", new { kind = "PURCHASE_STAGE", purchaseNumber = 2 });
        await _world.DefineAsync("purchase_3", new { kind = "PURCHASE_STAGE", purchaseNumber = 3 });

        // when
        await _world.RunAsync();

        // then
        Assert.Equal([first.Id], (await _world.TaggedAsync("purchase_1")).Keys.Order());
        Assert.Equal(new[] { second.Id, secondAfterRefund.Id }.Order(), (await _world.TaggedAsync("purchase_2")).Keys.Order());
        Assert.Equal([third.Id], (await _world.TaggedAsync("purchase_3")).Keys.Order());
    }

    [Fact]
    public async Task Store_preference_is_the_most_visited_store_with_its_code_as_value()
    {
        // given
        var xuhui = await _world.Data.StoreAsync("XH01");
        var jingan = await _world.Data.StoreAsync("JA01");
        var regular = await _world.CustomerAsync();
        await _world.OrderAsync(regular, 1_000, daysAgo: 30, storeId: xuhui.Id);
        await _world.OrderAsync(regular, 1_000, daysAgo: 20, storeId: xuhui.Id);
        await _world.OrderAsync(regular, 1_000, daysAgo: 1, storeId: jingan.Id);
        var tied = await _world.CustomerAsync();
        await _world.OrderAsync(tied, 1_000, daysAgo: 30, storeId: xuhui.Id);
        await _world.OrderAsync(tied, 1_000, daysAgo: 3, storeId: jingan.Id);
        var online = await _world.CustomerAsync();
        await _world.OrderAsync(online, 1_000, daysAgo: 3);
        var longAgo = await _world.CustomerAsync();
        await _world.OrderAsync(longAgo, 1_000, daysAgo: 300, storeId: xuhui.Id);
        await _world.DefineAsync("favourite_store", new { kind = "STORE_PREFERENCE", windowDays = 180 });
        await _world.DefineAsync("xuhui_regular", new { kind = "STORE_PREFERENCE", storeCode = "XH01" });

        // when
        await _world.RunAsync();

        // then
        var favourites = await _world.TaggedAsync("favourite_store");
        Assert.Equal(new Dictionary<long, string?> { [regular.Id] = "XH01", [tied.Id] = "JA01" }, favourites);
        Assert.Equal([regular.Id], (await _world.TaggedAsync("xuhui_regular")).Keys.Order());
    }

    [Fact]
    public async Task Delivery_radius_uses_the_exact_distance_not_just_the_bounding_box()
    {
        // given: a store with a 3 km radius; one degree of latitude is about 111.2 km
        await _world.Data.StoreAsync("XH02", latitude: 31.2, longitude: 121.45, radius: 3000);
        const double kmLat = 1 / 111.2;
        var kmLon = 1 / (111.2 * Math.Cos(31.2 * Math.PI / 180));
        var near = await _world.CustomerAsync(home: (31.2 + kmLat, 121.45));
        var edge = await _world.CustomerAsync(home: (31.2, 121.45 + 2.9 * kmLon));
        var outside = await _world.CustomerAsync(home: (31.2 + 3.1 * kmLat, 121.45));
        var corner = await _world.CustomerAsync(home: (31.2 + 2.5 * kmLat, 121.45 + 2.5 * kmLon));
        await _world.CustomerAsync();
        await _world.DefineAsync("near_xuhui", new { kind = "WITHIN_DELIVERY_RADIUS", storeCode = "XH02" });

        // when
        await _world.RunAsync();

        // then: the corner (3.5 km) is inside the box but outside the circle
        var tagged = (await _world.TaggedAsync("near_xuhui")).Keys.ToHashSet();
        Assert.Equal(new HashSet<long> { near.Id, edge.Id }, tagged);
        Assert.DoesNotContain(outside.Id, tagged);
        Assert.DoesNotContain(corner.Id, tagged);
    }

    [Fact]
    public async Task Lifecycle_stages_are_exclusive_and_measured_from_the_last_purchase()
    {
        // given
        var fresh = await _world.CustomerAsync(createdDaysAgo: 10);
        var freshBuyer = await _world.CustomerAsync(createdDaysAgo: 10);
        await _world.OrderAsync(freshBuyer, 1_000, daysAgo: 1);
        var active = await _world.CustomerAsync(createdDaysAgo: 200);
        await _world.OrderAsync(active, 1_000, daysAgo: 10);
        var dormant = await _world.CustomerAsync(createdDaysAgo: 200);
        await _world.OrderAsync(dormant, 1_000, daysAgo: 90);
        var churn = await _world.CustomerAsync(createdDaysAgo: 300);
        await _world.OrderAsync(churn, 1_000, daysAgo: 150);
        var churnDespiteRefund = await _world.CustomerAsync(createdDaysAgo: 300);
        await _world.OrderAsync(churnDespiteRefund, 1_000, daysAgo: 150);
        await _world.RefundAllAsync(await _world.OrderAsync(churnDespiteRefund, 1_000, daysAgo: 5));
        await _world.CustomerAsync(createdDaysAgo: 200); // never bought, no longer new: no stage
        foreach (var stage in new[] { "NEW", "ACTIVE", "DORMANT", "CHURN_RISK" })
        {
            await _world.DefineAsync($"lifecycle_{stage.ToLowerInvariant()}", new { kind = "LIFECYCLE", stage });
        }

        // when
        await _world.RunAsync();

        // then
        Assert.Equal(new[] { fresh.Id, freshBuyer.Id }.Order(), (await _world.TaggedAsync("lifecycle_new")).Keys.Order());
        Assert.Equal([active.Id], (await _world.TaggedAsync("lifecycle_active")).Keys.Order());
        Assert.Equal([dormant.Id], (await _world.TaggedAsync("lifecycle_dormant")).Keys.Order());
        Assert.Equal(new[] { churn.Id, churnDespiteRefund.Id }.Order(), (await _world.TaggedAsync("lifecycle_churn_risk")).Keys.Order());
    }

    [Fact]
    public async Task Birthday_month_follows_china_time_and_moves_with_the_clock()
    {
        // given: 2026-03-15 12:00 in China
        var march = await _world.CustomerAsync(birthday: new DateOnly(1990, 3, 28));
        var april = await _world.CustomerAsync(birthday: new DateOnly(1985, 4, 1));
        await _world.CustomerAsync();
        await _world.DefineAsync("birthday_month", new { kind = "BIRTHDAY_MONTH" });

        // when
        await _world.RunAsync();
        var inMarch = (await _world.TaggedAsync("birthday_month")).Keys.Order().ToList();
        _world.Clock.Set(new DateTimeOffset(2026, 3, 31, 16, 30, 0, TimeSpan.Zero)); // 2026-04-01 00:30 in China, still March in UTC
        await _world.RunAsync();

        // then
        Assert.Equal([march.Id], inMarch);
        Assert.Equal([april.Id], (await _world.TaggedAsync("birthday_month")).Keys.Order());
    }

    [Fact]
    public async Task Tier_rules_name_levels_by_key_name_or_number()
    {
        // given: growth of 5,000 yuan reaches 金卡 (GOLD), 1,000 yuan 银卡 (SILVER)
        var gold = await _world.CustomerAsync();
        await _world.OrderAsync(gold, 600_000, daysAgo: 5);
        var silver = await _world.CustomerAsync();
        await _world.OrderAsync(silver, 150_000, daysAgo: 5);
        var basic = await _world.CustomerAsync();
        await _world.DefineAsync("tier_gold", new { kind = "TIER", level = "GOLD" });
        await _world.DefineAsync("tier_jinka", new { kind = "TIER", level = "金卡" });
        await _world.DefineAsync("tier_silver", new { kind = "TIER", level = "1" });
        await _world.DefineAsync("tier_base", new { kind = "TIER", level = "base" });

        // when
        await _world.RunAsync();

        // then
        Assert.Equal([gold.Id], (await _world.TaggedAsync("tier_gold")).Keys.Order());
        Assert.Equal([gold.Id], (await _world.TaggedAsync("tier_jinka")).Keys.Order());
        Assert.Equal([silver.Id], (await _world.TaggedAsync("tier_silver")).Keys.Order());
        Assert.Equal([basic.Id], (await _world.TaggedAsync("tier_base")).Keys.Order());
    }
}

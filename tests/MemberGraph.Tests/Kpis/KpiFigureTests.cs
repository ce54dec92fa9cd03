using System.Text.Json.Nodes;
using MemberGraph.Auth;
using MemberGraph.Domain;
using MemberGraph.GraphQL;
using MemberGraph.Tests.Infrastructure;

namespace MemberGraph.Tests.Kpis;

/// <summary>
/// The KPIs of <see cref="KpiWorld"/>'s November, each figure derived by hand from the table there. Commission is 3% of the
/// paid amount (the default rate; every line is domestic fruit), clawed back in proportion to refunds.
/// </summary>
public sealed class KpiFigureTests(KpiWorld world) : IClassFixture<KpiWorld>
{
    public const string StoreFields = "store { id } from to orders memberOrders identificationRate salesCents members newMembers newCustomers " +
        "weComAdded weComAddRate reachableMembers reachableRate buyers repeatBuyers repeatPurchaseRate attributedOrders attributedSalesCents commissionCents " +
        "tasksAssigned tasksDone taskCompletionRate";

    public const string GuideFields = "guide { id } from to orders memberOrders identificationRate members newMembers newCustomers " +
        "weComAdded weComAddRate reachableMembers reachableRate buyers repeatBuyers repeatPurchaseRate attributedOrders attributedSalesCents commissionCents " +
        "tasksAssigned tasksDone taskCompletionRate";

    private const string Ranking = "rank value attributedSalesCents commissionCents newCustomers tasksDone guide { id }";

    [Fact]
    public async Task Store_kpis_of_november_equal_the_hand_computed_figures()
    {
        // when
        var kpis = await StoreKpisAsync(world.S.Id, "2026-11-01", "2026-11-30");

        // then
        Assert.Equal(GlobalId.Encode("Store", world.S.Id), kpis["store"]!["id"]!.GetValue<string>());
        Assert.Equal("2026-11-01", kpis["from"]!.GetValue<string>());
        Assert.Equal("2026-11-30", kpis["to"]!.GetValue<string>());

        // orders at S in November (China time): O1-O10 and O12 = 11 (O11 is 1 December, O13 31 October, O14/O15 were sold by T)
        Assert.Equal(11, kpis["orders"]!.GetValue<int>());
        // identified: O1 O2 O10 (M1), O3 O4 (M2 registered 11-10, before paying), O8 (M8, registered by then), O9 (M5: erasure keeps
        // the registration), O12 (M3) = 8; not: O5 O6 (X never registered), O7 (paid 11-12, M8 registered 11-15)
        Assert.Equal(8, kpis["memberOrders"]!.GetValue<int>());
        Assert.Equal(0.7273, kpis["identificationRate"]!.GetValue<double>()); // 8 / 11 = 0.72727…
        // 10000 + (5000 - 1000) + (8000 - 8000) + 3000 + 2000 + 2500 + 6000 + 1500 + 4000 + 3000 + 2000
        Assert.Equal(38_000, kpis["salesCents"]!.GetValue<long>());

        // exclusive customers of G1/G2/G3 now, active: M1 M2 (G1), M3 M4 (G2) = 4; M5 is erased, M7's relationship ended
        Assert.Equal(4, kpis["members"]!.GetValue<int>());
        // registered in November among them: M2 (11-10), M4 (11-03)
        Assert.Equal(2, kpis["newMembers"]!.GetValue<int>());
        // exclusive relationships begun in November other than by transfer: M1 (11-05), M2 (11-10), M7 (11-12, ended since) = 3;
        // not M3 (transfer), M4 (10-15), M5 (erased), M9 (a follow)
        Assert.Equal(3, kpis["newCustomers"]!.GetValue<int>());
        // open WeCom contact with a guide of S: M1 (added G1), M3 (transferred to G2) = 2; M4's WeCom contact is H, of store T
        Assert.Equal(2, kpis["weComAdded"]!.GetValue<int>());
        Assert.Equal(0.5, kpis["weComAddRate"]!.GetValue<double>());
        // reachable: M1 and M3 (WeCom), M2 (guide outreach consent) = 3; M4's subscribe acceptances are used up
        Assert.Equal(3, kpis["reachableMembers"]!.GetValue<int>());
        Assert.Equal(0.75, kpis["reachableRate"]!.GetValue<double>());

        // member orders not fully refunded, buyer not erased: M1 (O1 O2 O10), M2 (O4; O3 fully refunded), M8 (O8), M3 (O12)
        Assert.Equal(4, kpis["buyers"]!.GetValue<int>());
        Assert.Equal(1, kpis["repeatBuyers"]!.GetValue<int>());
        Assert.Equal(0.25, kpis["repeatPurchaseRate"]!.GetValue<double>());

        // attributed to G1: O1 O2 O9 O15 (cross-store); to G2: O4 O10 (O11 is December) = 6 orders
        Assert.Equal(6, kpis["attributedOrders"]!.GetValue<int>());
        // 10000 + 4000 + 4000 + 6000 + 3000 + 3000
        Assert.Equal(30_000, kpis["attributedSalesCents"]!.GetValue<long>());
        // 3%: G1 300 + (150 - 30 clawed back) + 120 + 180 = 720; G2 90 + 90 (O10 earned 23:31 China time on 11-30) = 180
        Assert.Equal(900, kpis["commissionCents"]!.GetValue<long>());

        // tasks of G1-G4 due in November: K1 K2 K3 K10 (G1), K5 K6 (G2), K9 (G3, resigned) = 7; not K4 (due 1 December in China),
        // K7 (no guide), K8 (H, store T). Done: K1 K3 K10 K6 K9 = 5; K2 is open, K5 expired
        Assert.Equal([7, 5], Counts(kpis, "tasksAssigned", "tasksDone"));
        Assert.Equal(0.7143, kpis["taskCompletionRate"]!.GetValue<double>()); // 5 / 7 = 0.714285…
    }

    [Fact]
    public async Task Guide_kpis_of_november_equal_the_hand_computed_figures()
    {
        // when
        var g1 = await GuideKpisAsync(world.G1.Id, "2026-11-01", "2026-11-30", world.Token(Roles.Admin));
        var g2 = await GuideKpisAsync(world.G2.Id, "2026-11-01", "2026-11-30", world.Token(Roles.Admin));

        // then G1: attributed O1 O2 O9 O15, all by registered buyers; 10000 + 4000 + 4000 + 6000
        Assert.Equal([4, 4, 24_000, 4], [g1["orders"]!.GetValue<int>(), g1["memberOrders"]!.GetValue<int>(),
            g1["attributedSalesCents"]!.GetValue<long>(), g1["attributedOrders"]!.GetValue<int>()]);
        Assert.Equal(1.0, g1["identificationRate"]!.GetValue<double>());
        // customers M1 M2; new member M2; new customers M1 M2 M7; WeCom M1; reachable M1 M2
        Assert.Equal([2, 1, 3, 1, 2], Counts(g1, "members", "newMembers", "newCustomers", "weComAdded", "reachableMembers"));
        Assert.Equal(0.5, g1["weComAddRate"]!.GetValue<double>());
        Assert.Equal(1.0, g1["reachableRate"]!.GetValue<double>());
        // buyers: M1 (O1 O2 O15); M5 (O9) is erased
        Assert.Equal([1, 1], Counts(g1, "buyers", "repeatBuyers"));
        Assert.Equal(720, g1["commissionCents"]!.GetValue<long>());
        // tasks due in November: K1 K2 K3 K10 (K4 is due 1 December in China); done K1 K3 K10
        Assert.Equal([4, 3], Counts(g1, "tasksAssigned", "tasksDone"));
        Assert.Equal(0.75, g1["taskCompletionRate"]!.GetValue<double>());

        // then G2: attributed O4 (M2) and O10 (M1): 3000 + 3000; O11 is December
        Assert.Equal([2, 2], Counts(g2, "orders", "memberOrders"));
        Assert.Equal(6_000, g2["attributedSalesCents"]!.GetValue<long>());
        // customers M3 M4; new member M4; no new customer (M3 by transfer, M4 in October); WeCom M3 (M9 only follows); reachable M3
        Assert.Equal([2, 1, 0, 1, 1], Counts(g2, "members", "newMembers", "newCustomers", "weComAdded", "reachableMembers"));
        // buyers M2 and M1, one order each
        Assert.Equal([2, 0], Counts(g2, "buyers", "repeatBuyers"));
        Assert.Equal(0.0, g2["repeatPurchaseRate"]!.GetValue<double>());
        Assert.Equal(180, g2["commissionCents"]!.GetValue<long>());
        // tasks K5 (expired) and K6 (done)
        Assert.Equal([2, 1], Counts(g2, "tasksAssigned", "tasksDone"));
        Assert.Equal(0.5, g2["taskCompletionRate"]!.GetValue<double>());
    }

    [Theory]
    [InlineData("SALES", new[] { 1, 2, 3 }, new long[] { 24_000, 6_000, 0 })]
    [InlineData("COMMISSION", new[] { 1, 2, 3 }, new long[] { 720, 180, 0 })]
    [InlineData("NEW_CUSTOMERS", new[] { 1, 2, 2 }, new long[] { 3, 0, 0 })]
    [InlineData("TASKS_DONE", new[] { 1, 2, 3 }, new long[] { 3, 1, 0 })] // G1: K1 K3 K10; G2: K6; G4 none (G3's K9 is not ranked)
    public async Task The_ranking_orders_the_store_guides_by_the_chosen_figure_with_ties_by_guide_id(string by, int[] ranks, long[] values)
    {
        // when: G3 resigned on 10-01, before the period, so it is not ranked; G4 sold nothing
        var entries = await RankingAsync(world.S.Id, by, world.Token(Roles.Admin));

        // then: G1, G2, G4 in that order for every figure (NEW_CUSTOMERS: G2 and G4 tie at 0 and share rank 2, by id)
        Assert.Equal(new[] { world.G1.Id, world.G2.Id, world.G4.Id }.Select(id => GlobalId.Encode("Guide", id)),
            entries.Select(e => e!["guide"]!["id"]!.GetValue<string>()));
        Assert.Equal(ranks, entries.Select(e => e!["rank"]!.GetValue<int>()));
        Assert.Equal(values, entries.Select(e => e!["value"]!.GetValue<long>()));
        Assert.Equal([24_000L, 6_000, 0], entries.Select(e => e!["attributedSalesCents"]!.GetValue<long>()));
        Assert.Equal([720L, 180, 0], entries.Select(e => e!["commissionCents"]!.GetValue<long>()));
        Assert.Equal([3, 0, 0], entries.Select(e => e!["newCustomers"]!.GetValue<int>()));
        Assert.Equal([3, 1, 0], entries.Select(e => e!["tasksDone"]!.GetValue<int>()));
    }

    [Fact]
    public async Task The_ranking_takes_the_first_places_only()
    {
        var entries = await RankingAsync(world.S.Id, "SALES", world.Token(Roles.Admin), first: 1);

        Assert.Equal([GlobalId.Encode("Guide", world.G1.Id)], entries.Select(e => e!["guide"]!["id"]!.GetValue<string>()));
    }

    [Theory]
    [InlineData("2026-11-30", 1, 3_000)] // O10: 2026-11-30T15:30Z is 23:30 on 30 November in China
    [InlineData("2026-12-01", 1, 9_000)] // O11: 2026-11-30T16:30Z is 00:30 on 1 December in China
    [InlineData("2026-11-01", 1, 2_000)] // O12: 2026-10-31T16:30Z is 00:30 on 1 November in China
    [InlineData("2026-10-31", 1, 5_000)] // O13: 2026-10-31T15:30Z is 23:30 on 31 October in China
    [InlineData("2026-11-29", 0, 0)]
    public async Task An_order_belongs_to_its_china_business_day(string day, int orders, long salesCents)
    {
        var kpis = await StoreKpisAsync(world.S.Id, day, day);

        Assert.Equal(orders, kpis["orders"]!.GetValue<int>());
        Assert.Equal(salesCents, kpis["salesCents"]!.GetValue<long>());
    }

    [Theory]
    [InlineData("2026-11-30", 1, 1)] // K3: due 2026-11-30T15:30Z, 23:30 on 30 November in China
    [InlineData("2026-12-01", 1, 1)] // K4: due 2026-11-30T16:30Z, 00:30 on 1 December in China
    [InlineData("2026-11-20", 1, 0)] // K2: still open
    public async Task A_task_belongs_to_the_china_business_day_it_is_due(string day, int assigned, int done)
    {
        var kpis = await GuideKpisAsync(world.G1.Id, day, day, world.Token(Roles.Admin));

        Assert.Equal([assigned, done], Counts(kpis, "tasksAssigned", "tasksDone"));
    }

    [Fact]
    public async Task A_day_without_orders_has_no_rates_rather_than_zero()
    {
        var kpis = await StoreKpisAsync(world.S.Id, "2026-11-29", "2026-11-29");

        Assert.Null(kpis["identificationRate"]);
        Assert.Null(kpis["repeatPurchaseRate"]);
        Assert.Equal(0, kpis["tasksAssigned"]!.GetValue<int>());
        Assert.Null(kpis["taskCompletionRate"]); // no task was due that day
        Assert.Equal(0.5, kpis["weComAddRate"]!.GetValue<double>()); // the member base is as of now, whatever the period
    }

    [Theory]
    [InlineData("storeKpis(storeId: $id, from: \"2026-11-30\", to: \"2026-11-01\") { orders }", "Store", ErrorCodes.BadUserInput)]
    [InlineData("storeKpis(storeId: $id, from: \"2025-11-01\", to: \"2026-11-02\") { orders }", "Store", ErrorCodes.BadUserInput)]
    [InlineData("guideKpis(guideId: $id, from: \"2026-12-01\", to: \"2026-11-01\") { orders }", "Guide", ErrorCodes.BadUserInput)]
    [InlineData("guideRanking(storeId: $id, from: \"2026-11-01\", to: \"2026-11-30\", by: SALES, first: 101) { rank }", "Store", ErrorCodes.PageSizeExceeded)]
    [InlineData("storeKpis(storeId: $id, from: \"2026-11-01\", to: \"2026-11-30\") { orders }", "Guide", ErrorCodes.BadUserInput)]
    public async Task Bad_input_is_a_graphql_error_with_a_code(string field, string idType, string code)
    {
        var id = GlobalId.Encode(idType, idType == "Store" ? world.S.Id : world.G1.Id);

        var response = await world.Gateway.GraphQLAsync($"query($id: ID!) {{ {field} }}", new { id }, world.Token(Roles.Admin));

        Assert.Equal(200, response.Status);
        Assert.Equal(code, response.FirstErrorCode);
    }

    [Fact]
    public async Task A_full_year_is_accepted_and_an_unknown_store_is_null()
    {
        var year = await StoreKpisAsync(world.S.Id, "2025-12-01", "2026-11-30"); // 365 days
        var unknown = await world.Gateway.GraphQLAsync("{ storeKpis(storeId: \"999999\", from: \"2026-11-01\", to: \"2026-11-30\") { orders } }",
            token: world.Token(Roles.Admin));

        Assert.Equal(12, year["orders"]!.GetValue<int>()); // O1-O13 were sold by S; all but O11 (December)
        Assert.Null(unknown.OkData()["storeKpis"]);
    }

    private static int[] Counts(JsonNode node, params string[] fields) => fields.Select(f => node[f]!.GetValue<int>()).ToArray();

    private async Task<JsonNode> StoreKpisAsync(long storeId, string from, string to) =>
        (await world.Gateway.GraphQLAsync($"query($id: ID!, $from: Date!, $to: Date!) {{ storeKpis(storeId: $id, from: $from, to: $to) {{ {StoreFields} }} }}",
            new { id = GlobalId.Encode("Store", storeId), from, to }, world.Token(Roles.Admin))).OkData()["storeKpis"]!;

    private async Task<JsonNode> GuideKpisAsync(long guideId, string from, string to, string token) =>
        (await world.Gateway.GraphQLAsync($"query($id: ID!, $from: Date!, $to: Date!) {{ guideKpis(guideId: $id, from: $from, to: $to) {{ {GuideFields} }} }}",
            new { id = GlobalId.Encode("Guide", guideId), from, to }, token)).OkData()["guideKpis"]!;

    private async Task<JsonArray> RankingAsync(long storeId, string by, string token, int? first = null) =>
        (await world.Gateway.GraphQLAsync(
            $"query($id: ID!, $first: Int) {{ guideRanking(storeId: $id, from: \"2026-11-01\", to: \"2026-11-30\", by: {by}, first: $first) {{ {Ranking} }} }}",
            new { id = GlobalId.Encode("Store", storeId), first }, token)).OkData()["guideRanking"]!.AsArray();
}

using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using MemberGraph.Coupons;
using MemberGraph.Members;
using MemberGraph.Orders;
using MemberGraph.Tests.Coupons;
using MemberGraph.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace MemberGraph.Tests.Clients;

/// <summary>
/// clients/store-tool in headless Chromium (Debian's chromium driven by playwright-core, <c>test/till.browser.mjs</c>)
/// against its <c>serve.mjs</c> and a sandboxed demo MemberGraph (see <see cref="StoreToolFixture"/>): what the page showed
/// at each step is checked here against the gateway and its database.
/// </summary>
public sealed class StoreToolBrowserTests(StoreToolFixture tool) : IClassFixture<StoreToolFixture>
{
    /// <summary>The demo's first store, 鲜果时光 上海徐汇1号店 (SH001): the staff token's store.</summary>
    private const long DemoStore = 1;

    private static readonly string[] Screenshots =
    [
        "01-sign-in", "02-member-card", "03-write-off-refused", "04-write-off-unknown", "05-written-off", "06-order-recorded",
        "07-refunded", "08-no-coupons",
    ];

    private GatewayHost Gateway => tool.MemberGraph;

    [Fact]
    public async Task At_the_till_a_scanned_member_gets_a_coupon_written_off_once_through_a_lost_answer_and_an_order_recorded_and_refunded()
    {
        // given: a member who bought at the demo's first store ten days ago (银卡, points available), holding coupons usable
        // there (one with a 100-yuan threshold, one without) and two that are not (a delivery coupon, another store's)
        var started = DateTime.UtcNow.AddSeconds(-1);
        var kit = new CouponKit(Gateway);
        var member = await MemberAsync(kit, "林小满");
        await PriorOrderAsync(kit, member.Id, 128_800);
        var threshold = await CouponAsync(kit, member.Id, t => t["usableStoreIds"] = new[] { CouponKit.StoreId(DemoStore) });
        var free = await CouponAsync(kit, member.Id, t => { t["name"] = "无门槛5元券"; t["thresholdCents"] = 0; t["value"] = new { amountOffCents = 500 }; });
        var delivery = await CouponAsync(kit, member.Id, t =>
        {
            t["name"] = "外卖满50减8"; t["kind"] = "DELIVERY"; t["thresholdCents"] = 5_000; t["value"] = new { amountOffCents = 800 };
            t["usableChannels"] = new[] { "DELIVERY_PLATFORM" };
        });
        var otherStore = await CouponAsync(kit, member.Id, t =>
        {
            t["name"] = "杭州店专享9折"; t["thresholdCents"] = 0; t["value"] = new { discountRate = 90 };
            t["usableStoreIds"] = new[] { CouponKit.StoreId(DemoStore + 1) };
        });
        var withoutCoupons = await MemberAsync(kit, "周一鸣");
        var staff = kit.Data.StaffToken(DemoStore);
        var expected = (await Gateway.GraphQLAsync("query ($id: ID!) { member(id: $id) { phone tier { name } points { balance pending } } }",
            new { id = CouponKit.MemberId(member.Id) }, kit.AdminToken)).OkData()["member"]!; // masked for everyone but the member
        var badCode = (await Gateway.GraphQLAsync("query ($code: String!) { memberByCode(code: $code) { id } }", new { code = "NOT-A-MEMBER-CODE" }, staff)).Errors![0]!;
        string storeName;
        await using (var db = Gateway.Db())
        {
            storeName = (await db.Stores.SingleAsync(s => s.Id == DemoStore)).Name;
        }

        // when: the browser run (sign in, scan, refused write-off, lost answer and retry, order, refund, empty card, bad code)
        var steps = await RunBrowserAsync(new Dictionary<string, string>
        {
            ["STORE_TOOL_URL"] = tool.StoreTool.ToString(),
            ["STAFF_TOKEN"] = staff,
            ["MEMBER_CODE"] = await MemberCodeAsync(kit, member.Id),
            ["COUPON_CODE"] = threshold,
            ["HIDDEN_COUPONS"] = $"{delivery},{otherStore}",
            ["EMPTY_MEMBER_CODE"] = await MemberCodeAsync(kit, withoutCoupons.Id),
            ["SMALL_AMOUNT"] = "50",
            ["AMOUNT"] = "128.00",
        });

        // then: signed in at the token's store
        Assert.StartsWith(storeName, steps["signed-in"].Str("store"));

        // the card: the masked phone as the gateway gives it, the tier, the points; the coupons usable here only
        var card = steps["card"];
        Assert.Equal("林小满", card.Str("name"));
        Assert.Equal(expected.Str("phone"), card.Str("phone"));
        Assert.Matches(@"^1\d\d\*{4}\d{4}$", card.Str("phone"));
        Assert.Equal("银卡", expected["tier"]!.Str("name"));
        Assert.Equal(expected["tier"]!.Str("name"), card.Str("tier"));
        Assert.Equal(expected["points"]!["balance"]!.GetValue<long>().ToString("N0", CultureInfo.InvariantCulture), card.Str("points"));
        Assert.Equal(expected["points"]!["pending"]!.GetValue<long>().ToString("N0", CultureInfo.InvariantCulture), card.Str("pending"));
        Assert.Equal(1_288, expected["points"]!["balance"]!.GetValue<long>());
        var listed = card["coupons"]!.AsArray().Select(c => c!.GetValue<string>()).ToList();
        Assert.Equal(new[] { free, threshold }.Order(), listed.Order());
        Assert.Contains("另有 2 张", card.Str("elsewhere"));
        var orderRef = card.Str("orderRef");
        Assert.Matches(@"^POS-SH001-\d{14}-[0-9A-F]{6}$", orderRef);

        // the refused write-off shows the gateway's own message
        var refused = steps["refused"];
        Assert.Equal("THRESHOLD_NOT_MET", refused.Str("code"));
        Assert.Equal(CouponErrors.ThresholdNotMet(10_000).Message, refused.Str("message"));
        Assert.Contains("未达到优惠券的使用门槛", refused.Str("text"));

        // the lost answer was the first write-off; the retry sent the same input and was answered as a replay
        var writtenOff = steps["written-off"];
        Assert.Contains("结果未知", writtenOff.Str("unknown"));
        Assert.False(writtenOff["lostReplayed"]!.GetValue<bool>());
        Assert.Equal(orderRef, writtenOff["lostInput"]!.Str("orderRef"));
        Assert.Equal(12_800, writtenOff["lostInput"]!["orderAmountCents"]!.GetValue<long>());
        Assert.StartsWith("已核销 (重试)", writtenOff.Str("text"));
        Assert.Contains("优惠 ¥15.00", writtenOff.Str("text"));
        Assert.Equal("¥113.00", writtenOff.Str("due"));

        // the order for the scanned member, then its full refund giving the coupon back
        Assert.Contains($"单号 {orderRef}", steps["order"].Str("text"));
        Assert.Contains("实付 ¥113.00", steps["order"].Str("text"));
        Assert.Contains("已退款 ¥113.00", steps["refund"].Str("text"));
        Assert.Contains("已全额退款", steps["refund"].Str("text"));
        Assert.Contains("「满100减15」已退回", steps["refund"].Str("returned"));

        // the member without coupons, the bad code (the gateway's message), and every screenshot taken now
        Assert.Equal("周一鸣", steps["empty"].Str("name"));
        Assert.Equal("暂无本店可用的优惠券", steps["empty"].Str("text"));
        Assert.Equal(badCode["extensions"]!.Str("code"), steps["bad-code"].Str("code"));
        Assert.Equal(badCode.Str("message"), steps["bad-code"].Str("message"));
        foreach (var name in Screenshots)
        {
            var file = new FileInfo(Path.Combine(ScreenshotFolder, $"{name}.png"));
            Assert.True(file.Exists && file.LastWriteTimeUtc >= started && file.Length > 1_000, $"{file.FullName} was not written by this run");
        }

        // and in the database: written off once (one REDEEMED, one audit line), given back by the refund; the order is the
        // scanned member's at the token's store, paid 128.00 − 15.00, fully refunded
        await using var check = Gateway.Db();
        var coupon = await check.Coupons.AsNoTracking().SingleAsync(c => c.Code == CouponCode.Normalize(threshold));
        var history = await check.CouponHistory.AsNoTracking().Where(e => e.CouponId == coupon.Id).OrderBy(e => e.Id).ToListAsync();
        var redeemed = Assert.Single(history, e => e.Event == CouponHistoryEvent.Redeemed);
        Assert.Equal((orderRef, 12_800L, 1_500L, DemoStore), (redeemed.OrderRef, redeemed.OrderAmountCents!.Value, redeemed.DiscountCents!.Value, redeemed.StoreId!.Value));
        Assert.Single(history, e => e.Event == CouponHistoryEvent.Restored);
        Assert.Single(await check.AuditEntries.AsNoTracking().Where(a => a.Operation == "redeemCoupon" && a.Target == $"Coupon:{coupon.Id}").ToListAsync());
        Assert.Equal(CouponStatus.Available, coupon.Status);
        var chinaTime = redeemed.At.AddHours(8); // China Standard Time, UTC+8 all year; the browser ran in UTC
        Assert.Contains($"核销时间 {chinaTime:yyyy/MM/dd HH:mm}", writtenOff.Str("text"));

        var order = await check.Orders.AsNoTracking().SingleAsync(o => o.Channel == SalesChannel.Pos && o.ChannelOrderId == orderRef);
        Assert.Equal((member.Id, DemoStore, 11_300L, 11_300L, OrderStatus.FullyRefunded), (order.MemberId, order.StoreId!.Value, order.PaidAmountCents, order.RefundedAmountCents, order.Status));
        Assert.Contains($"本单积分 +{order.PointsEarned.ToString("N0", CultureInfo.InvariantCulture)}", steps["order"].Str("text"));
        Assert.Single(await check.Orders.AsNoTracking().Where(o => o.ChannelOrderId == orderRef).ToListAsync());
    }

    [Fact]
    public async Task The_server_serves_the_page_and_its_operations_only_and_proxies_graphql_to_MemberGraph()
    {
        // given
        using var http = new HttpClient { BaseAddress = tool.StoreTool, Timeout = TimeSpan.FromSeconds(60) };
        var staff = new TestData(Gateway).StaffToken(DemoStore);

        // when / then: the page, with a content security policy and no referrer
        using var page = await http.GetAsync("/");
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Equal("text/html", page.Content.Headers.ContentType!.MediaType);
        Assert.Contains("default-src 'self'", page.Headers.GetValues("content-security-policy").Single());
        Assert.Equal("no-referrer", page.Headers.GetValues("referrer-policy").Single());
        Assert.Contains("<html lang=\"zh-CN\">", await page.Content.ReadAsStringAsync());

        // the operation documents as committed
        var document = await http.GetStringAsync("/operations/MemberByCode.graphql");
        Assert.Equal(await File.ReadAllTextAsync(Path.Combine(StoreToolFixture.ClientDir, "operations", "MemberByCode.graphql")), document);

        // nothing else of the folder
        foreach (var path in new[] { "/package.json", "/serve.mjs", "/package-lock.json", "/node_modules/playwright-core/package.json", "/test/till.browser.mjs", "/operations/Nope.graphql", "/public/app.js" })
        {
            using var answer = await http.GetAsync(path);
            Assert.True(answer.StatusCode == HttpStatusCode.NotFound, $"{path}: {answer.StatusCode}");
        }

        // /graphql: POST only, forwarded with the bearer token
        using (var get = await http.GetAsync("/graphql"))
        {
            Assert.Equal(HttpStatusCode.MethodNotAllowed, get.StatusCode);
        }

        var proxied = await PostAsync(http, "{ myStore { code } }", staff);
        Assert.Equal("SH001", proxied["data"]!["myStore"]!.Str("code"));
        var anonymous = await PostAsync(http, "{ myStore { code } }", null);
        Assert.Equal("AUTH_NOT_AUTHENTICATED", anonymous["errors"]![0]!["extensions"]!.Str("code"));

        // a gateway that cannot be reached is a GraphQL error the page can show
        var unreachable = await tool.StartServerAsync("http://127.0.0.1:9");
        using var lost = new HttpClient { BaseAddress = unreachable, Timeout = TimeSpan.FromSeconds(60) };
        var error = await PostAsync(lost, "{ myStore { code } }", staff, HttpStatusCode.BadGateway);
        Assert.Equal("GATEWAY_UNREACHABLE", error["errors"]![0]!["extensions"]!.Str("code"));
    }

    /// <summary>Where this run's screenshots go (<see cref="ClientScreenshots"/>).</summary>
    private static readonly string ScreenshotFolder = ClientScreenshots.Folder(StoreToolFixture.ClientDir);

    /// <summary>Runs test/till.browser.mjs and returns its JSON lines by step; fails with what it printed when it failed.</summary>
    private static async Task<Dictionary<string, JsonNode>> RunBrowserAsync(Dictionary<string, string> environment)
    {
        environment["CHROMIUM_PATH"] = StoreToolFixture.ChromiumPath;
        environment["SCREENSHOTS_DIR"] = ScreenshotFolder;
        environment["STEP_TIMEOUT_MS"] = "60000";
        await using var browser = NodeScript.StartIn(StoreToolFixture.ClientDir, environment, "test/till.browser.mjs");
        var steps = new Dictionary<string, JsonNode>();
        while (true)
        {
            var line = await browser.NextLineAsync(TimeSpan.FromMinutes(4));
            var step = line["step"]!.GetValue<string>();
            if (step == "failed")
            {
                Assert.Fail($"The browser run failed (failure.png in {ScreenshotFolder}): {line["error"]}\nsteps so far: {string.Join(", ", steps.Keys)}\nstderr:\n{browser.Stderr}");
            }

            steps[step] = line;
            if (step == "done")
            {
                break;
            }
        }

        Assert.Equal(0, await browser.WaitForExitAsync(TimeSpan.FromMinutes(1)));
        return steps;
    }

    /// <summary>A registered member with a phone and a Chinese name (the card shows it).</summary>
    private async Task<Member> MemberAsync(CouponKit kit, string name)
    {
        var phone = $"137{Random.Shared.Next(10_000_000, 100_000_000)}";
        var member = await kit.Data.MemberAsync(phone);
        await using var db = Gateway.Db();
        await db.Members.Where(m => m.Id == member.Id).ExecuteUpdateAsync(s => s.SetProperty(m => m.DisplayName, name));
        return member;
    }

    /// <summary>An order at the demo store <paramref name="cents"/> large, paid ten days ago, its points released (an admin's steps).</summary>
    private async Task PriorOrderAsync(CouponKit kit, long memberId, long cents)
    {
        var input = new
        {
            channel = "POS",
            channelOrderId = $"PRIOR-{Guid.NewGuid():N}",
            member = new { id = CouponKit.MemberId(memberId) },
            storeId = CouponKit.StoreId(DemoStore),
            lines = new[] { new { sku = "SKU-GIFTBOX-CHERRY", category = "IMPORTED_FRUIT", quantity = 2, amountCents = cents } },
            paidAmountCents = cents,
            paidAt = DateTime.UtcNow.AddDays(-10).ToString("O", CultureInfo.InvariantCulture),
        };
        var recorded = (await Gateway.GraphQLAsync("mutation ($input: RecordOrderInput!) { recordOrder(input: $input) { errors { code message } } }", new { input }, kit.AdminToken))
            .OkData()["recordOrder"]!;
        Assert.True(recorded["errors"]!.AsArray().Count == 0, recorded.ToJsonString());
        var released = (await Gateway.GraphQLAsync("mutation ($id: ID!) { releasePendingPoints(input: { memberId: $id }) { processed errors { code } } }",
            new { id = CouponKit.MemberId(memberId) }, kit.AdminToken)).OkData()["releasePendingPoints"]!;
        Assert.True(released["errors"]!.AsArray().Count == 0, released.ToJsonString());
    }

    private static async Task<string> CouponAsync(CouponKit kit, long memberId, Action<Dictionary<string, object?>> template) =>
        (await kit.ClaimedAsync(await kit.TemplateAsync(template), memberId)).Str("code");

    private async Task<string> MemberCodeAsync(CouponKit kit, long memberId) =>
        (await Gateway.GraphQLAsync("{ me { memberCode { code } } }", null, kit.Data.MemberToken(memberId))).OkData()["me"]!["memberCode"]!.Str("code");

    private static async Task<JsonNode> PostAsync(HttpClient http, string query, string? token, HttpStatusCode status = HttpStatusCode.OK)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/graphql")
        {
            Content = new StringContent(JsonSerializer.Serialize(new { query }), Encoding.UTF8, "application/json"),
        };
        if (token is not null)
        {
            request.Headers.Authorization = new("Bearer", token);
        }

        using var response = await http.SendAsync(request);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == status, $"{response.StatusCode}: {body}");
        return JsonNode.Parse(body)!;
    }
}

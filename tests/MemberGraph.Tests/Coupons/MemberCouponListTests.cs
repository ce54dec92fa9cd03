using MemberGraph.Coupons;
using MemberGraph.Domain;
using MemberGraph.Tests.Infrastructure;

namespace MemberGraph.Tests.Coupons;

/// <summary>
/// <c>Member.coupons(where:, order:)</c>: the mini-program's coupon wallet and the till's usable coupons — by status as shown
/// (a coupon past its window is EXPIRED), source, issue time and window end; "expiring soonest first" across pages; the older
/// <c>status:</c> argument keeps working. One statement a page.
/// </summary>
public sealed class MemberCouponListTests(GatewayFixture fixture) : IClassFixture<GatewayFixture>
{
    private const string MyCoupons = """
        query ($status: CouponStatus, $where: CouponFilter, $order: [CouponSort!], $first: Int, $after: String) {
          me { coupons(status: $status, where: $where, order: $order, first: $first, after: $after) { pageInfo { hasNextPage endCursor } edges { node { id } } } }
        }
        """;

    private GatewayHost Gateway { get; } = fixture.Gateway;

    [Fact]
    public async Task Conditions_pick_coupons_by_status_as_shown_source_and_dates()
    {
        // given
        var wallet = await WalletAsync();

        // when / then (newest coupon first)
        Assert.Equal(wallet.Names("k5", "k4", "k1"), await NamesAsync(wallet, new { where = new { status = new { @in = new[] { "AVAILABLE", "RESERVED" } } } }));
        Assert.Equal(wallet.Names("k2"), await NamesAsync(wallet, new { where = new { status = new { eq = "EXPIRED" } } }));
        Assert.Equal(wallet.Names("k5", "k1"), await NamesAsync(wallet, new { status = "AVAILABLE" }));
        Assert.Equal(wallet.Names("k5", "k2"), await NamesAsync(wallet, new { where = new { validUntil = new { lt = wallet.Now.AddDays(3) } } }));
        Assert.Equal(wallet.Names("k4", "k1"), await NamesAsync(wallet, new { where = new { source = new { @in = new[] { "CLAIM" } } } }));
        Assert.Equal(wallet.Names("k5", "k4", "k3"), await NamesAsync(wallet, new { where = new { issuedAt = new { gte = "2026-01-03T00:00:00Z" } } }));
    }

    [Theory]
    [InlineData(null, "validUntil", "ASC", "k2 k5 k3 k4 k1")] // past window first; k3 and k4 end together (tie: oldest first)
    [InlineData(null, "issuedAt", "DESC", "k5 k4 k3 k2 k1")] // k3 and k4 issued together (tie: newest first)
    [InlineData("USABLE", "validUntil", "ASC", "k5 k4 k1")] // usable now, expiring soonest first
    public async Task Sorted_pages_hold_every_coupon_once_in_order(string? usable, string key, string direction, string expected)
    {
        // given
        var wallet = await WalletAsync();
        var where = usable is null ? null : new { status = new { @in = new[] { "AVAILABLE", "RESERVED" } } };
        var order = new[] { new Dictionary<string, string> { [key] = direction } };

        // when
        var paged = await ListPages.WalkAsync(Gateway, MyCoupons, after => new { where, order, first = 2, after }, wallet.Token,
            d => d["me"]!["coupons"]!, n => n["id"]!.GetValue<string>());

        // then
        Assert.Equal(wallet.Names(expected.Split(' ')), paged.Select(wallet.NameOf));
    }

    [Fact]
    public async Task A_page_is_one_statement_and_bad_input_has_a_code()
    {
        // given
        var wallet = await WalletAsync();
        var variables = new { where = new { status = new { eq = "AVAILABLE" }, validUntil = new { gte = wallet.Now } }, order = new[] { new { validUntil = "ASC" } }, first = 1 };

        // when
        var baseline = await ListPages.StatementsAsync(Gateway, "{ me { id } }", null, wallet.Token);
        var first = await ListPages.StatementsAsync(Gateway, MyCoupons, variables, wallet.Token);
        var cursor = await ListPages.EndCursorAsync(Gateway, MyCoupons, variables, wallet.Token, d => d["me"]!["coupons"]!);
        var second = await ListPages.StatementsAsync(Gateway, MyCoupons, new { variables.where, variables.order, variables.first, after = cursor }, wallet.Token);
        var both = await Gateway.GraphQLAsync(MyCoupons, new { status = "AVAILABLE", where = new { status = new { eq = "REDEEMED" } } }, wallet.Token);
        var otherOrder = await Gateway.GraphQLAsync(MyCoupons, new { order = new[] { new { issuedAt = "ASC" } }, after = cursor }, wallet.Token);

        // then
        Assert.Equal(baseline + 1, first);
        Assert.Equal(baseline + 1, second);
        Assert.Equal("BAD_USER_INPUT", both.FirstErrorCode);
        Assert.Equal("INVALID_CURSOR", otherOrder.FirstErrorCode);
    }

    /// <summary>
    /// k1 AVAILABLE (claimed Jan 1, 10 days left); k2 AVAILABLE but its window closed yesterday (shown EXPIRED, sent by a guide);
    /// k3 REDEEMED (exchanged Jan 3, 5 days left); k4 RESERVED (claimed Jan 3, 5 days left); k5 AVAILABLE (campaign Jan 5, 2 days left).
    /// </summary>
    private async Task<Wallet> WalletAsync()
    {
        var kit = new CouponKit(Gateway);
        var template = CouponKit.Key(await kit.TemplateAsync());
        var member = await kit.Data.MemberAsync();
        var now = DateTime.UtcNow;
        var ids = new Dictionary<string, string>();
        await using var db = Gateway.Db();
        foreach (var (name, status, source, issuedDay, daysLeft) in new[]
                 {
                     ("k1", CouponStatus.Available, CouponSource.Claim, 1, 10), ("k2", CouponStatus.Available, CouponSource.GuideSend, 2, -1),
                     ("k3", CouponStatus.Redeemed, CouponSource.Exchange, 3, 5), ("k4", CouponStatus.Reserved, CouponSource.Claim, 3, 5),
                     ("k5", CouponStatus.Available, CouponSource.Campaign, 5, 2),
                 })
        {
            var coupon = new Coupon
            {
                TemplateId = template, MemberId = member.Id, Code = Guid.NewGuid().ToString("N")[..CouponCode.Length].ToUpperInvariant(), Status = status,
                Source = source, IssuedAt = new DateTime(2026, 1, issuedDay, 0, 0, 0, DateTimeKind.Utc), ValidFrom = now.AddDays(-30),
                ValidUntil = now.Date.AddDays(daysLeft),
            };
            db.Coupons.Add(coupon);
            await db.SaveChangesAsync();
            ids[name] = GlobalId.Encode("Coupon", coupon.Id);
        }

        return new Wallet(kit.Data.MemberToken(member.Id), now, ids);
    }

    private async Task<List<string>> NamesAsync(Wallet wallet, object variables)
    {
        var json = System.Text.Json.JsonSerializer.SerializeToNode(variables)!.AsObject();
        json["first"] = 100;
        return (await Gateway.GraphQLAsync(MyCoupons, json, wallet.Token)).OkData()["me"]!["coupons"]!["edges"]!.AsArray()
            .Select(e => wallet.NameOf(e!["node"]!["id"]!.GetValue<string>())).ToList();
    }

    private sealed record Wallet(string Token, DateTime Now, Dictionary<string, string> Ids)
    {
        public string NameOf(string id) => Ids.Single(kv => kv.Value == id).Key;

        public List<string> Names(params string[] names) => names.ToList();
    }
}

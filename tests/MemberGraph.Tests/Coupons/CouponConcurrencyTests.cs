using MemberGraph.Coupons;
using MemberGraph.Tests.Infrastructure;

namespace MemberGraph.Tests.Coupons;

/// <summary>Real parallel HTTP requests against one gateway and its SQLite file.</summary>
public sealed class CouponConcurrencyTests : IAsyncLifetime
{
    private GatewayHost _gateway = null!;
    private CouponKit _kit = null!;

    public async Task InitializeAsync()
    {
        _gateway = await GatewayHost.StartAsync();
        _kit = new CouponKit(_gateway);
    }

    public async Task DisposeAsync() => await _gateway.DisposeAsync();

    [Fact]
    public async Task Five_hundred_parallel_claims_by_different_members_on_a_stock_of_100_issue_exactly_100()
    {
        // given
        var templateId = await _kit.TemplateAsync(t => t["totalStock"] = 100);
        var members = await _kit.MembersAsync(500);
        var tokens = members.ConvertAll(_kit.Data.MemberToken);

        // when
        var responses = await Task.WhenAll(tokens.Select(token => _gateway.GraphQLAsync(CouponKit.Claim, new { templateId }, token)));

        // then
        var payloads = responses.Select(r => r.Payload("claimCoupon")).ToList();
        Assert.Equal(100, payloads.Count(p => p.ErrorCode() is null && p["coupon"] is not null));
        Assert.Equal(400, payloads.Count(p => p.ErrorCode() == "OUT_OF_STOCK"));
        var coupons = await _kit.CouponsOfAsync(templateId);
        Assert.Equal(100, coupons.Count);
        Assert.Equal(100, coupons.Select(c => c.MemberId).Distinct().Count());
        Assert.Equal(100, coupons.Select(c => c.Code).Distinct().Count());
        Assert.Equal(100, await _kit.IssuedAsync(templateId));
        Assert.Equal(100, (await _kit.AuditAsync("claimCoupon")).Count);
    }

    [Fact]
    public async Task Twenty_parallel_claims_by_one_member_with_a_limit_of_2_issue_exactly_2()
    {
        // given
        var templateId = await _kit.TemplateAsync(t => { t["totalStock"] = 1000; t["perMemberLimit"] = 2; });
        var member = await _kit.Data.MemberAsync();
        var token = _kit.Data.MemberToken(member.Id);

        // when
        var responses = await Task.WhenAll(Enumerable.Range(0, 20).Select(_ => _gateway.GraphQLAsync(CouponKit.Claim, new { templateId }, token)));

        // then
        var payloads = responses.Select(r => r.Payload("claimCoupon")).ToList();
        Assert.Equal(2, payloads.Count(p => p.ErrorCode() is null));
        Assert.Equal(18, payloads.Count(p => p.ErrorCode() == "COUPON_LIMIT_REACHED"));
        Assert.Equal(2, (await _kit.CouponsOfAsync(templateId)).Count(c => c.MemberId == member.Id));
        Assert.Equal(2, await _kit.IssuedAsync(templateId));
    }

    [Fact]
    public async Task Parallel_write_offs_of_one_coupon_succeed_exactly_once()
    {
        // given
        var store = await _kit.Data.StoreAsync();
        var templateId = await _kit.TemplateAsync();
        var member = await _kit.Data.MemberAsync();
        var code = (await _kit.ClaimedAsync(templateId, member.Id)).Str("code");
        var staff = _kit.Data.StaffToken(store.Id);

        // when
        var responses = await Task.WhenAll(Enumerable.Range(0, 30).Select(i => _kit.RedeemAsync(code, 15000, $"POS-{i}", staff)));

        // then
        var payloads = responses.Select(r => r.Payload("redeemCoupon")).ToList();
        var winner = Assert.Single(payloads, p => p.ErrorCode() is null);
        Assert.Equal(29, payloads.Count(p => p.ErrorCode() == "COUPON_ALREADY_REDEEMED"));
        var coupon = Assert.Single(await _kit.CouponsOfAsync(templateId));
        Assert.Equal(CouponStatus.Redeemed, coupon.Status);
        Assert.Equal(winner["coupon"]!.Str("redeemedOrderRef"), coupon.RedeemedOrderRef);
        Assert.Single(await _kit.AuditAsync("redeemCoupon"));
    }
}

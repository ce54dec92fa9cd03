using MemberGraph.Data;
using MemberGraph.Coupons;
using MemberGraph.Tests.Infrastructure;

namespace MemberGraph.Tests.Coupons;

/// <summary>Real parallel HTTP requests against one gateway and its SQLite file.</summary>
public abstract class CouponConcurrencyTests(DatabaseKind database) : CouponGatewayTests(database)
{
    public sealed class OnSqlite() : CouponConcurrencyTests(DatabaseKind.Sqlite);

    public sealed class OnPostgres() : CouponConcurrencyTests(DatabaseKind.Postgres);

    [Fact]
    public async Task Five_hundred_parallel_claims_by_different_members_on_a_stock_of_100_issue_exactly_100()
    {
        // given
        var templateId = await Kit.TemplateAsync(t => t["totalStock"] = 100);
        var members = await Kit.MembersAsync(500);
        var tokens = members.ConvertAll(Kit.Data.MemberToken);

        // when
        var responses = await Task.WhenAll(tokens.Select(token => Gateway.GraphQLAsync(CouponKit.Claim, new { templateId }, token)));

        // then
        var payloads = responses.Select(r => r.Payload("claimCoupon")).ToList();
        Assert.Equal(100, payloads.Count(p => p.ErrorCode() is null && p["coupon"] is not null));
        Assert.Equal(400, payloads.Count(p => p.ErrorCode() == "OUT_OF_STOCK"));
        var coupons = await Kit.CouponsOfAsync(templateId);
        Assert.Equal(100, coupons.Count);
        Assert.Equal(100, coupons.Select(c => c.MemberId).Distinct().Count());
        Assert.Equal(100, coupons.Select(c => c.Code).Distinct().Count());
        Assert.Equal(100, await Kit.IssuedAsync(templateId));
        Assert.Equal(100, (await Kit.AuditAsync("claimCoupon")).Count);
    }

    [Fact]
    public async Task Twenty_parallel_claims_by_one_member_with_a_limit_of_2_issue_exactly_2()
    {
        // given
        var templateId = await Kit.TemplateAsync(t => { t["totalStock"] = 1000; t["perMemberLimit"] = 2; });
        var member = await Kit.Data.MemberAsync();
        var token = Kit.Data.MemberToken(member.Id);

        // when
        var responses = await Task.WhenAll(Enumerable.Range(0, 20).Select(_ => Gateway.GraphQLAsync(CouponKit.Claim, new { templateId }, token)));

        // then
        var payloads = responses.Select(r => r.Payload("claimCoupon")).ToList();
        Assert.Equal(2, payloads.Count(p => p.ErrorCode() is null));
        Assert.Equal(18, payloads.Count(p => p.ErrorCode() == "COUPON_LIMIT_REACHED"));
        Assert.Equal(2, (await Kit.CouponsOfAsync(templateId)).Count(c => c.MemberId == member.Id));
        Assert.Equal(2, await Kit.IssuedAsync(templateId));
    }

    [Fact]
    public async Task Parallel_claims_through_a_merged_members_stale_token_and_the_survivors_token_share_the_survivors_limit()
    {
        // given: the merged member's token is older than the merge; the claim finds that out at the coupon's insert
        var templateId = await Kit.TemplateAsync(t => { t["totalStock"] = 1000; t["perMemberLimit"] = 3; });
        var survivor = await Kit.Data.MemberAsync();
        var merged = await Kit.Data.MemberAsync();
        await Kit.Data.MarkMergedAsync(merged.Id, survivor.Id);

        var tokens = Enumerable.Range(0, 20).Select(i => Kit.Data.MemberToken(i % 2 == 0 ? merged.Id : survivor.Id));

        // when
        var responses = await Task.WhenAll(tokens.Select(token => Gateway.GraphQLAsync(CouponKit.Claim, new { templateId }, token)));

        // then: 3 coupons in all (the limit), every one held by the survivor, 17 refusals, 3 units of stock taken
        var payloads = responses.Select(r => r.Payload("claimCoupon")).ToList();
        Assert.Equal(3, payloads.Count(p => p.ErrorCode() is null));
        Assert.Equal(17, payloads.Count(p => p.ErrorCode() == "COUPON_LIMIT_REACHED"));
        var coupons = await Kit.CouponsOfAsync(templateId);
        Assert.Equal(3, coupons.Count);
        Assert.All(coupons, c => Assert.Equal(survivor.Id, c.MemberId));
        Assert.Equal(3, await Kit.IssuedAsync(templateId));
    }

    [Fact]
    public async Task Parallel_write_offs_of_one_coupon_succeed_exactly_once()
    {
        // given
        var store = await Kit.Data.StoreAsync();
        var templateId = await Kit.TemplateAsync();
        var member = await Kit.Data.MemberAsync();
        var code = (await Kit.ClaimedAsync(templateId, member.Id)).Str("code");
        var staff = Kit.Data.StaffToken(store.Id);

        // when
        var responses = await Task.WhenAll(Enumerable.Range(0, 30).Select(i => Kit.RedeemAsync(code, 15000, $"POS-{i}", staff)));

        // then
        var payloads = responses.Select(r => r.Payload("redeemCoupon")).ToList();
        var winner = Assert.Single(payloads, p => p.ErrorCode() is null);
        Assert.Equal(29, payloads.Count(p => p.ErrorCode() == "COUPON_ALREADY_REDEEMED"));
        var coupon = Assert.Single(await Kit.CouponsOfAsync(templateId));
        Assert.Equal(CouponStatus.Redeemed, coupon.Status);
        Assert.Equal(winner["coupon"]!.Str("redeemedOrderRef"), coupon.RedeemedOrderRef);
        Assert.Single(await Kit.AuditAsync("redeemCoupon"));
    }
}

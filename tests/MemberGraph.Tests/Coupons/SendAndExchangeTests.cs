using MemberGraph.Guides;
using MemberGraph.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace MemberGraph.Tests.Coupons;

public sealed class SendAndExchangeTests : CouponGatewayTests
{
    [Theory]
    [InlineData(GuideRelationshipKind.Exclusive)]
    [InlineData(GuideRelationshipKind.Follow)]
    public async Task A_guide_sends_a_coupon_to_their_own_customer(GuideRelationshipKind kind)
    {
        // given
        var store = await Kit.Data.StoreAsync();
        var guide = await Kit.Data.GuideAsync(store.Id);
        var customer = await Kit.Data.MemberAsync();
        await Kit.Data.RelationshipAsync(customer.Id, guide.Id, kind);
        var templateId = await Kit.TemplateAsync(t => t["claimable"] = false);

        // when
        var payload = (await Gateway.GraphQLAsync(CouponKit.Send, new { templateId, memberId = CouponKit.MemberId(customer.Id) }, Kit.Data.GuideToken(guide))).Payload("sendCoupon");

        // then
        Assert.Empty(payload["errors"]!.AsArray());
        Assert.Equal("GUIDE_SEND", payload["coupon"]!.Str("source"));
        var coupon = Assert.Single(await Kit.CouponsOfAsync(templateId));
        Assert.Equal(customer.Id, coupon.MemberId);
        Assert.Equal(guide.Id, coupon.SentByGuideId);
        var audit = Assert.Single(await Kit.AuditAsync("sendCoupon"));
        Assert.Equal("guide", audit.Role);
    }

    [Fact]
    public async Task Sending_to_someone_elses_or_a_former_customer_is_NOT_YOUR_CUSTOMER()
    {
        // given
        var store = await Kit.Data.StoreAsync();
        var guide = await Kit.Data.GuideAsync(store.Id);
        var colleague = await Kit.Data.GuideAsync(store.Id);
        var theirs = await Kit.Data.MemberAsync();
        await Kit.Data.RelationshipAsync(theirs.Id, colleague.Id);
        var former = await Kit.Data.MemberAsync();
        var ended = await Kit.Data.RelationshipAsync(former.Id, guide.Id);
        await using (var db = Gateway.Db())
        {
            await db.GuideRelationships.Where(r => r.Id == ended.Id).ExecuteUpdateAsync(s => s.SetProperty(r => r.EndedAt, DateTime.UtcNow));
        }

        var templateId = await Kit.TemplateAsync();
        var token = Kit.Data.GuideToken(guide);

        // when
        var toTheirs = (await Gateway.GraphQLAsync(CouponKit.Send, new { templateId, memberId = CouponKit.MemberId(theirs.Id) }, token)).Payload("sendCoupon");
        var toFormer = (await Gateway.GraphQLAsync(CouponKit.Send, new { templateId, memberId = CouponKit.MemberId(former.Id) }, token)).Payload("sendCoupon");

        // then
        Assert.Equal("NOT_YOUR_CUSTOMER", toTheirs.ErrorCode());
        Assert.Equal("memberId", toTheirs["errors"]![0]!.Str("field"));
        Assert.Equal("NOT_YOUR_CUSTOMER", toFormer.ErrorCode());
        Assert.Empty(await Kit.CouponsOfAsync(templateId));
        Assert.Equal(0, await Kit.IssuedAsync(templateId));
    }

    /// <summary>
    /// A member without points asks for an exchange: the spend is refused inside the issuing transaction, so the
    /// exchange must issue nothing and take no stock.
    /// </summary>
    [Fact]
    public async Task When_the_points_are_refused_no_coupon_is_issued_and_no_stock_is_taken()
    {
        // given
        var templateId = await Kit.TemplateAsync(t => { t["claimable"] = false; t["pointsPrice"] = 2000; t["totalStock"] = 3; });
        var member = await Kit.Data.MemberAsync();

        // when
        var payload = (await Gateway.GraphQLAsync(CouponKit.Exchange, new { templateId, key = "ex-1" }, Kit.Data.MemberToken(member.Id))).Payload("exchangePointsForCoupon");

        // then
        Assert.Equal("INSUFFICIENT_POINTS", payload.ErrorCode());
        Assert.Null(payload["coupon"]);
        Assert.Empty(await Kit.CouponsOfAsync(templateId));
        Assert.Equal(0, await Kit.IssuedAsync(templateId));
        Assert.Empty(await Kit.AuditAsync("exchangePointsForCoupon"));
    }

    [Fact]
    public async Task Templates_without_a_points_price_cannot_be_exchanged()
    {
        // given
        var templateId = await Kit.TemplateAsync();
        var member = await Kit.Data.MemberAsync();

        // when
        var payload = (await Gateway.GraphQLAsync(CouponKit.Exchange, new { templateId, key = "ex-2" }, Kit.Data.MemberToken(member.Id))).Payload("exchangePointsForCoupon");
        var noKey = (await Gateway.GraphQLAsync(CouponKit.Exchange, new { templateId, key = " " }, Kit.Data.MemberToken(member.Id))).Payload("exchangePointsForCoupon");

        // then
        Assert.Equal("COUPON_NOT_CLAIMABLE", payload.ErrorCode());
        Assert.Equal("INVALID_INPUT", noKey.ErrorCode());
        Assert.Equal(0, await Kit.IssuedAsync(templateId));
    }
}

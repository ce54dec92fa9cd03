using MemberGraph.Guides;
using MemberGraph.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace MemberGraph.Tests.Coupons;

public sealed class SendAndExchangeTests : IAsyncLifetime
{
    private GatewayHost _gateway = null!;
    private CouponKit _kit = null!;

    public async Task InitializeAsync()
    {
        _gateway = await GatewayHost.StartAsync();
        _kit = new CouponKit(_gateway);
    }

    public async Task DisposeAsync() => await _gateway.DisposeAsync();

    [Theory]
    [InlineData(GuideRelationshipKind.Exclusive)]
    [InlineData(GuideRelationshipKind.Follow)]
    public async Task A_guide_sends_a_coupon_to_their_own_customer(GuideRelationshipKind kind)
    {
        // given
        var store = await _kit.Data.StoreAsync();
        var guide = await _kit.Data.GuideAsync(store.Id);
        var customer = await _kit.Data.MemberAsync();
        await _kit.Data.RelationshipAsync(customer.Id, guide.Id, kind);
        var templateId = await _kit.TemplateAsync(t => t["claimable"] = false);

        // when
        var payload = (await _gateway.GraphQLAsync(CouponKit.Send, new { templateId, memberId = CouponKit.MemberId(customer.Id) }, _kit.Data.GuideToken(guide))).Payload("sendCoupon");

        // then
        Assert.Empty(payload["errors"]!.AsArray());
        Assert.Equal("GUIDE_SEND", payload["coupon"]!.Str("source"));
        var coupon = Assert.Single(await _kit.CouponsOfAsync(templateId));
        Assert.Equal(customer.Id, coupon.MemberId);
        Assert.Equal(guide.Id, coupon.SentByGuideId);
        var audit = Assert.Single(await _kit.AuditAsync("sendCoupon"));
        Assert.Equal("guide", audit.Role);
    }

    [Fact]
    public async Task Sending_to_someone_elses_or_a_former_customer_is_NOT_YOUR_CUSTOMER()
    {
        // given
        var store = await _kit.Data.StoreAsync();
        var guide = await _kit.Data.GuideAsync(store.Id);
        var colleague = await _kit.Data.GuideAsync(store.Id);
        var theirs = await _kit.Data.MemberAsync();
        await _kit.Data.RelationshipAsync(theirs.Id, colleague.Id);
        var former = await _kit.Data.MemberAsync();
        var ended = await _kit.Data.RelationshipAsync(former.Id, guide.Id);
        await using (var db = _gateway.Db())
        {
            await db.GuideRelationships.Where(r => r.Id == ended.Id).ExecuteUpdateAsync(s => s.SetProperty(r => r.EndedAt, DateTime.UtcNow));
        }

        var templateId = await _kit.TemplateAsync();
        var token = _kit.Data.GuideToken(guide);

        // when
        var toTheirs = (await _gateway.GraphQLAsync(CouponKit.Send, new { templateId, memberId = CouponKit.MemberId(theirs.Id) }, token)).Payload("sendCoupon");
        var toFormer = (await _gateway.GraphQLAsync(CouponKit.Send, new { templateId, memberId = CouponKit.MemberId(former.Id) }, token)).Payload("sendCoupon");

        // then
        Assert.Equal("NOT_YOUR_CUSTOMER", toTheirs.ErrorCode());
        Assert.Equal("memberId", toTheirs["errors"]![0]!.Str("field"));
        Assert.Equal("NOT_YOUR_CUSTOMER", toFormer.ErrorCode());
        Assert.Empty(await _kit.CouponsOfAsync(templateId));
        Assert.Equal(0, await _kit.IssuedAsync(templateId));
    }

    /// <summary>
    /// A member without points asks for an exchange: the spend is refused inside the issuing transaction, so the
    /// exchange must issue nothing and take no stock.
    /// </summary>
    [Fact]
    public async Task When_the_points_are_refused_no_coupon_is_issued_and_no_stock_is_taken()
    {
        // given
        var templateId = await _kit.TemplateAsync(t => { t["claimable"] = false; t["pointsPrice"] = 2000; t["totalStock"] = 3; });
        var member = await _kit.Data.MemberAsync();

        // when
        var payload = (await _gateway.GraphQLAsync(CouponKit.Exchange, new { templateId, key = "ex-1" }, _kit.Data.MemberToken(member.Id))).Payload("exchangePointsForCoupon");

        // then
        Assert.Equal("INSUFFICIENT_POINTS", payload.ErrorCode());
        Assert.Null(payload["coupon"]);
        Assert.Empty(await _kit.CouponsOfAsync(templateId));
        Assert.Equal(0, await _kit.IssuedAsync(templateId));
        Assert.Empty(await _kit.AuditAsync("exchangePointsForCoupon"));
    }

    [Fact]
    public async Task Templates_without_a_points_price_cannot_be_exchanged()
    {
        // given
        var templateId = await _kit.TemplateAsync();
        var member = await _kit.Data.MemberAsync();

        // when
        var payload = (await _gateway.GraphQLAsync(CouponKit.Exchange, new { templateId, key = "ex-2" }, _kit.Data.MemberToken(member.Id))).Payload("exchangePointsForCoupon");
        var noKey = (await _gateway.GraphQLAsync(CouponKit.Exchange, new { templateId, key = " " }, _kit.Data.MemberToken(member.Id))).Payload("exchangePointsForCoupon");

        // then
        Assert.Equal("COUPON_NOT_CLAIMABLE", payload.ErrorCode());
        Assert.Equal("INVALID_INPUT", noKey.ErrorCode());
        Assert.Equal(0, await _kit.IssuedAsync(templateId));
    }
}

using MemberGraph.Coupons;
using MemberGraph.Realtime;
using MemberGraph.Tests.Infrastructure;

namespace MemberGraph.Tests.Coupons;

public sealed class ClaimCouponTests : CouponGatewayTests
{
    [Fact]
    public async Task A_member_claims_a_coupon_valid_for_N_days_from_issue()
    {
        // given
        var templateId = await Kit.TemplateAsync(t => t["validity"] = new { daysAfterIssue = 7 });
        var member = await Kit.Data.MemberAsync();
        var before = DateTime.UtcNow;

        // when
        var coupon = await Kit.ClaimedAsync(templateId, member.Id);

        // then
        Assert.Equal("AVAILABLE", coupon.Str("status"));
        Assert.Equal("CLAIM", coupon.Str("source"));
        Assert.Equal(templateId, coupon["template"]!.Str("id"));
        Assert.Matches("^[0-9A-HJKMNP-TV-Z]{4}(-[0-9A-HJKMNP-TV-Z]{4}){3}$", coupon.Str("code"));
        var issuedAt = coupon["issuedAt"]!.GetValue<DateTime>().ToUniversalTime();
        Assert.InRange(issuedAt, before.AddSeconds(-1), DateTime.UtcNow.AddSeconds(1));
        Assert.Equal(issuedAt, coupon["validFrom"]!.GetValue<DateTime>().ToUniversalTime());
        Assert.Equal(issuedAt.AddDays(7), coupon["validUntil"]!.GetValue<DateTime>().ToUniversalTime());
        Assert.Equal(1, await Kit.IssuedAsync(templateId));
    }

    [Fact]
    public async Task A_fixed_window_template_gives_coupons_that_window()
    {
        // given
        var from = DateTime.UtcNow.Date.AddDays(-1);
        var until = DateTime.UtcNow.Date.AddDays(10);
        var templateId = await Kit.TemplateAsync(t => t["validity"] = new { from, until });
        var member = await Kit.Data.MemberAsync();

        // when
        var coupon = await Kit.ClaimedAsync(templateId, member.Id);

        // then
        Assert.Equal(from, coupon["validFrom"]!.GetValue<DateTime>().ToUniversalTime());
        Assert.Equal(until, coupon["validUntil"]!.GetValue<DateTime>().ToUniversalTime());
    }

    [Fact]
    public async Task A_fixed_window_that_has_ended_issues_nothing()
    {
        // given
        var templateId = await Kit.TemplateAsync(t => t["validity"] = new { from = DateTime.UtcNow.AddDays(-10), until = DateTime.UtcNow.AddMinutes(-1) });
        var member = await Kit.Data.MemberAsync();

        // when
        var payload = (await Kit.ClaimAsync(templateId, member.Id)).Payload("claimCoupon");

        // then
        Assert.Equal("COUPON_EXPIRED", payload.ErrorCode());
        Assert.Null(payload["coupon"]);
        Assert.Equal(0, await Kit.IssuedAsync(templateId));
    }

    [Fact]
    public async Task The_per_member_limit_counts_the_members_coupons()
    {
        // given
        var templateId = await Kit.TemplateAsync(t => t["perMemberLimit"] = 2);
        var member = await Kit.Data.MemberAsync();
        var other = await Kit.Data.MemberAsync();
        await Kit.ClaimedAsync(templateId, member.Id);
        await Kit.ClaimedAsync(templateId, member.Id);

        // when
        var third = (await Kit.ClaimAsync(templateId, member.Id)).Payload("claimCoupon");

        // then
        Assert.Equal("COUPON_LIMIT_REACHED", third.ErrorCode());
        Assert.Equal("templateId", third["errors"]![0]!.Str("field"));
        await Kit.ClaimedAsync(templateId, other.Id);
        Assert.Equal(3, await Kit.IssuedAsync(templateId));
    }

    [Fact]
    public async Task When_the_stock_is_gone_claims_get_OUT_OF_STOCK()
    {
        // given
        var templateId = await Kit.TemplateAsync(t => t["totalStock"] = 1);
        var first = await Kit.Data.MemberAsync();
        var second = await Kit.Data.MemberAsync();
        await Kit.ClaimedAsync(templateId, first.Id);

        // when
        var payload = (await Kit.ClaimAsync(templateId, second.Id)).Payload("claimCoupon");

        // then
        Assert.Equal("OUT_OF_STOCK", payload.ErrorCode());
        Assert.Single(await Kit.CouponsOfAsync(templateId));
    }

    [Fact]
    public async Task Templates_that_are_not_claimable_or_retired_are_refused()
    {
        // given
        var guideOnly = await Kit.TemplateAsync(t => t["claimable"] = false);
        var retired = await Kit.TemplateAsync();
        await Gateway.GraphQLAsync("mutation ($id: ID!) { retireCouponTemplate(input: { id: $id }) { errors { code } } }", new { id = retired }, Kit.AdminToken);
        var member = await Kit.Data.MemberAsync();

        // when
        var notClaimable = (await Kit.ClaimAsync(guideOnly, member.Id)).Payload("claimCoupon");
        var withdrawn = (await Kit.ClaimAsync(retired, member.Id)).Payload("claimCoupon");
        var unknown = (await Kit.ClaimAsync(MemberGraph.Domain.GlobalId.Encode("CouponTemplate", 999_999), member.Id)).Payload("claimCoupon");

        // then
        Assert.Equal("COUPON_NOT_CLAIMABLE", notClaimable.ErrorCode());
        Assert.Equal("COUPON_NOT_CLAIMABLE", withdrawn.ErrorCode());
        Assert.Equal("NOT_FOUND", unknown.ErrorCode());
    }

    [Fact]
    public async Task A_claim_writes_an_audit_entry_and_publishes_CouponChanged_after_commit()
    {
        // given
        var templateId = await Kit.TemplateAsync();
        var member = await Kit.Data.MemberAsync();
        var received = new List<IntegrationEvent>();
        using var subscription = Gateway.Service<IEventBus>().Subscribe($"member:{member.Id}").Subscribe(new Collector(received));

        // when
        var coupon = await Kit.ClaimedAsync(templateId, member.Id);

        // then
        var audit = Assert.Single(await Kit.AuditAsync("claimCoupon"));
        Assert.Equal($"Coupon:{CouponKit.Key(coupon.Str("id"))}", audit.Target);
        Assert.Equal("member", audit.Role);
        var changed = Assert.IsType<CouponChanged>(Assert.Single(received));
        Assert.Equal(CouponChange.Issued, changed.Change);
        Assert.Equal(CouponKit.Key(coupon.Str("id")), changed.CouponId);
    }

    [Fact]
    public async Task Coupons_are_usable_only_at_the_templates_stores_and_channels()
    {
        // given
        var usable = await Kit.Data.StoreAsync();
        var elsewhere = await Kit.Data.StoreAsync();
        var templateId = await Kit.TemplateAsync(t =>
        {
            t["usableStoreIds"] = new[] { CouponKit.StoreId(usable.Id) };
            t["usableChannels"] = new[] { "POS" };
        });
        var member = await Kit.Data.MemberAsync();
        var coupon = await Kit.ClaimedAsync(templateId, member.Id);

        // when
        var wrongStore = (await Kit.RedeemAsync(coupon.Str("code"), 12000, "POS-1", Kit.Data.StaffToken(elsewhere.Id))).Payload("redeemCoupon");
        var wrongChannel = (await Gateway.GraphQLAsync(CouponKit.Reserve, new { input = new { code = coupon.Str("code"), orderRef = "MP-1", channel = "MINI_PROGRAM" } },
            Kit.Data.MemberToken(member.Id))).Payload("reserveCoupon");
        var rightStore = (await Kit.RedeemAsync(coupon.Str("code"), 12000, "POS-2", Kit.Data.StaffToken(usable.Id))).Payload("redeemCoupon");

        // then
        Assert.Equal("COUPON_NOT_USABLE", wrongStore.ErrorCode());
        Assert.Equal("storeId", wrongStore["errors"]![0]!.Str("field"));
        Assert.Equal("COUPON_NOT_USABLE", wrongChannel.ErrorCode());
        Assert.Equal("channel", wrongChannel["errors"]![0]!.Str("field"));
        Assert.Equal("REDEEMED", rightStore["coupon"]!.Str("status"));
    }

    [Fact]
    public async Task A_merged_members_stale_token_claims_for_the_survivor()
    {
        // given
        var templateId = await Kit.TemplateAsync();
        var survivor = await Kit.Data.MemberAsync();
        var merged = await Kit.Data.MemberAsync();
        await Kit.Data.MarkMergedAsync(merged.Id, survivor.Id);

        await Kit.ClaimedAsync(templateId, survivor.Id);

        // when
        var payload = (await Kit.ClaimAsync(templateId, merged.Id)).Payload("claimCoupon");

        // then
        Assert.Equal("COUPON_LIMIT_REACHED", payload.ErrorCode());
    }

    private sealed class Collector(List<IntegrationEvent> received) : IObserver<IntegrationEvent>
    {
        public void OnCompleted()
        {
        }

        public void OnError(Exception error)
        {
        }

        public void OnNext(IntegrationEvent value)
        {
            lock (received)
            {
                received.Add(value);
            }
        }
    }
}

using MemberGraph.Coupons;
using MemberGraph.Realtime;
using MemberGraph.Tests.Infrastructure;

namespace MemberGraph.Tests.Coupons;

public sealed class CouponExpiryTests : CouponGatewayTests
{
    [Fact]
    public async Task The_expiry_step_expires_available_and_reserved_coupons_past_their_window_and_leaves_the_rest()
    {
        // given
        var store = await Kit.Data.StoreAsync();
        var sevenDays = await Kit.TemplateAsync(t => { t["validity"] = new { daysAfterIssue = 7 }; t["perMemberLimit"] = 5; });
        var thirtyDays = await Kit.TemplateAsync(t => t["validity"] = new { daysAfterIssue = 30 });
        var member = await Kit.Data.MemberAsync();
        var available = await Kit.ClaimedAsync(sevenDays, member.Id);
        var reserved = await Kit.ClaimedAsync(sevenDays, member.Id);
        await Gateway.GraphQLAsync(CouponKit.Reserve, new { input = new { couponId = reserved.Str("id"), orderRef = "MP-1" } }, Kit.Data.MemberToken(member.Id));
        var redeemed = await Kit.ClaimedAsync(sevenDays, member.Id);
        await Kit.RedeemAsync(redeemed.Str("code"), 20000, "POS-1", Kit.Data.StaffToken(store.Id));
        var stillValid = await Kit.ClaimedAsync(thirtyDays, member.Id);
        var events = new List<CouponChanged>();
        using var subscription = Gateway.Service<IEventBus>().Subscribe($"member:{member.Id}").Subscribe(new EventCollector(events));

        // when
        var expired = await Gateway.Service<CouponExpiry>().ExpireCouponsAsync(DateTime.UtcNow.AddDays(8), CancellationToken.None);
        var again = await Gateway.Service<CouponExpiry>().ExpireCouponsAsync(DateTime.UtcNow.AddDays(8), CancellationToken.None);

        // then
        Assert.Equal(2, expired);
        Assert.Equal(0, again);
        var byId = (await Kit.CouponsOfAsync(sevenDays)).Concat(await Kit.CouponsOfAsync(thirtyDays)).ToDictionary(c => c.Id);
        Assert.Equal(CouponStatus.Expired, byId[CouponKit.Key(available.Str("id"))].Status);
        Assert.Equal(CouponStatus.Expired, byId[CouponKit.Key(reserved.Str("id"))].Status);
        Assert.Equal(CouponStatus.Redeemed, byId[CouponKit.Key(redeemed.Str("id"))].Status);
        Assert.Equal(CouponStatus.Available, byId[CouponKit.Key(stillValid.Str("id"))].Status);
        Assert.Equal(2, events.Count(e => e.Change == CouponChange.Expired));
        Assert.Single(await Kit.AuditAsync("expireCoupons"));
    }

    [Fact]
    public async Task Coupons_past_their_window_read_as_EXPIRED_before_the_step_runs()
    {
        // given
        var templateId = await Kit.TemplateAsync(t => t["perMemberLimit"] = 2);
        var member = await Kit.Data.MemberAsync();
        var old = await Kit.ClaimedAsync(templateId, member.Id);
        await Kit.SetWindowAsync(old.Str("id"), DateTime.UtcNow.AddDays(-30), DateTime.UtcNow.AddSeconds(-1));
        var fresh = await Kit.ClaimedAsync(templateId, member.Id);
        const string query = "query ($status: CouponStatus) { me { coupons(status: $status) { totalCount edges { node { id status } } } } }";
        var token = Kit.Data.MemberToken(member.Id);

        // when
        var expired = (await Gateway.GraphQLAsync(query, new { status = "EXPIRED" }, token)).OkData()["me"]!["coupons"]!;
        var available = (await Gateway.GraphQLAsync(query, new { status = "AVAILABLE" }, token)).OkData()["me"]!["coupons"]!;

        // then
        Assert.Equal(old.Str("id"), Assert.Single(expired["edges"]!.AsArray())!["node"]!.Str("id"));
        Assert.Equal("EXPIRED", expired["edges"]![0]!["node"]!.Str("status"));
        Assert.Equal(fresh.Str("id"), Assert.Single(available["edges"]!.AsArray())!["node"]!.Str("id"));
        Assert.Equal(1, available["totalCount"]!.GetValue<int>());
    }

    [Fact]
    public async Task Expiring_soon_is_announced_once_per_coupon()
    {
        // given
        var short3Days = await Kit.TemplateAsync(t => t["validity"] = new { daysAfterIssue = 2 });
        var long30Days = await Kit.TemplateAsync(t => t["validity"] = new { daysAfterIssue = 30 });
        var member = await Kit.Data.MemberAsync();
        var soon = await Kit.ClaimedAsync(short3Days, member.Id);
        await Kit.ClaimedAsync(long30Days, member.Id);
        var events = new List<CouponChanged>();
        using var subscription = Gateway.Service<IEventBus>().Subscribe($"member:{member.Id}").Subscribe(new EventCollector(events));
        var expiry = Gateway.Service<CouponExpiry>();

        // when
        var first = await expiry.NotifyExpiringSoonAsync(DateTime.UtcNow, CancellationToken.None);
        var second = await expiry.NotifyExpiringSoonAsync(DateTime.UtcNow.AddMinutes(1), CancellationToken.None);

        // then
        Assert.Equal(1, first);
        Assert.Equal(0, second);
        var announced = Assert.Single(events);
        Assert.Equal(CouponChange.ExpiringSoon, announced.Change);
        Assert.Equal(CouponKit.Key(soon.Str("id")), announced.CouponId);
    }
}

internal sealed class EventCollector(List<CouponChanged> received) : IObserver<IntegrationEvent>
{
    public void OnCompleted()
    {
    }

    public void OnError(Exception error)
    {
    }

    public void OnNext(IntegrationEvent value)
    {
        if (value is CouponChanged changed)
        {
            lock (received)
            {
                received.Add(changed);
            }
        }
    }
}

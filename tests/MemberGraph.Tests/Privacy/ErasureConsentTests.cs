using MemberGraph.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace MemberGraph.Tests.Privacy;

/// <summary>
/// Marketing stops when a member asks to be erased: subscribe-message acceptances and the guide-outreach opt-in are
/// withdrawn at the request (channel ERASURE, in the consent ledger), cancelling gives nothing back, and the erasure
/// withdraws what was granted in between and deletes the member's consent rows.
/// </summary>
public sealed class ErasureConsentTests
{
    private const string Template = "tmpl-coupon-expiring-erasure";

    [Fact]
    public async Task Asking_to_be_erased_withdraws_every_marketing_consent_at_once_and_the_erasure_deletes_what_was_granted_since()
    {
        // given: a member who accepted the coupon-expiry template twice and opted in to guide outreach
        await using var world = await ErasureWorld.StartAsync(new Dictionary<string, string?> { ["WeChat:SubscribeTemplates:CouponExpiring"] = Template });
        var consents = new ConsentKit(world.Gateway);
        var (member, _) = await consents.MemberAsync();
        var token = world.Data.MemberToken(member.Id);
        await consents.SubscribeAsync(member.Id, (Template, true));
        await consents.SubscribeAsync(member.Id, (Template, true));
        await consents.OutreachAsync(member.Id, true);
        Assert.Equal(2, await consents.RemainingAsync(member.Id, Template));

        // when: the member asks to be erased
        Assert.Empty((await world.Kit.RequestErasureAsync(token))["errors"]!.AsArray());

        // then: nothing left to send, no outreach, and the ledger says why
        var during = await consents.ConsentsAsync(member.Id);
        Assert.Equal(0, await consents.RemainingAsync(member.Id, Template));
        Assert.False(during["guideOutreach"]!.GetValue<bool>());
        Assert.Equal(
            [("GUIDE_OUTREACH", "REVOKED", "ERASURE", null), ("SUBSCRIBE_MESSAGE", "REVOKED", "ERASURE", Template)],
            ConsentKit.Ledger(during).Take(2).OrderBy(e => e.Purpose).ToList());

        // when: cancelled, the member accepts the template once more, then asks again and the cooling-off period ends
        Assert.Empty((await world.Kit.CancelErasureAsync(token))["errors"]!.AsArray());
        Assert.Equal(0, await consents.RemainingAsync(member.Id, Template)); // cancelling gives nothing back
        await consents.SubscribeAsync(member.Id, (Template, true));
        Assert.Empty((await world.Kit.RequestErasureAsync(token))["errors"]!.AsArray());
        await using (var db = world.Gateway.Db())
        {
            // an acceptance given while a request was already pending (the mini-program was open) is withdrawn at the erasure
            await db.MarketingConsents.Where(c => c.MemberId == member.Id).ExecuteUpdateAsync(s => s.SetProperty(c => c.Remaining, 1));
        }

        world.Clock.Advance(TimeSpan.FromDays(7) + TimeSpan.FromMinutes(1));
        Assert.Equal(1L, (await world.Kit.RunErasureAsync())["erased"]);

        // then: no consent row of the member is left; the ledger keeps one more ERASURE withdrawal of the template
        await using var after = world.Gateway.Db();
        Assert.Equal(0, await after.MarketingConsents.CountAsync(c => c.MemberId == member.Id));
        var withdrawals = await after.ConsentLedger
            .Where(e => e.MemberId == member.Id && e.Channel == MemberGraph.Partners.ConsentChannel.Erasure)
            .OrderBy(e => e.Id).Select(e => e.Purpose.ToString()).ToListAsync();
        Assert.Equal(["GuideOutreach", "SubscribeMessage", "SubscribeMessage", "SubscribeMessage"], withdrawals.Order().ToList());
    }
}

using System.Text.Json;
using System.Text.Json.Nodes;
using MemberGraph.Coupons;
using MemberGraph.Tests.Coupons;
using MemberGraph.Tests.Infrastructure;

namespace MemberGraph.Tests.Privacy;

/// <summary>
/// The coupon-expiry reminder through the WeChat sandbox (the stub's received messages): the coupon-expiry job, run by an
/// admin over /graphql, sends the subscribe message only to holders with an acceptance of the template left, takes one per
/// message, and sends a coupon's reminder once however often the job runs.
/// </summary>
public abstract class CouponExpiryReminderTests(SubscribeMessageGatewayFixture fixture)
{
    public sealed class OnSqlite(SubscribeMessageGatewayFixture fixture) : CouponExpiryReminderTests(fixture), IClassFixture<SubscribeMessageGatewayFixture>;

    public sealed class OnPostgres(PostgresSubscribeMessageGatewayFixture fixture) : CouponExpiryReminderTests(fixture), IClassFixture<PostgresSubscribeMessageGatewayFixture>;

    private const string Template = SubscribeMessageGatewayFixture.CouponExpiringTemplate;
    private const string RunJob = "mutation { runJob(input: { job: \"coupon-expiry\", wait: true }) { jobRun { status summary } errors { code } } }";

    private readonly ConsentKit _kit = new(fixture.Gateway);
    private readonly CouponKit _coupons = new(fixture.Gateway);

    [Fact]
    public async Task A_member_who_accepted_gets_one_reminder_and_one_who_did_not_gets_none_however_often_the_job_runs()
    {
        // given: two members holding a coupon that ends in 2 days (within the 72 hours of "expiring soon"); one accepted the template once
        var template = await _coupons.TemplateAsync(t => { t["name"] = "鲜果满100减15"; t["validity"] = new { daysAfterIssue = 2 }; });
        var (accepted, acceptedOpenId) = await _kit.MemberAsync();
        var (silent, silentOpenId) = await _kit.MemberAsync();
        var coupon = await _coupons.ClaimedAsync(template, accepted.Id);
        await _coupons.ClaimedAsync(template, silent.Id);
        await _kit.SubscribeAsync(accepted.Id, (Template, true));

        // when: the job runs, and runs again
        var first = await RunJobAsync();
        var replay = await RunJobAsync();

        // then: exactly one message, to the member who accepted, about their coupon; the acceptance is used up
        var message = Assert.Single(MessagesTo(acceptedOpenId));
        Assert.Empty(MessagesTo(silentOpenId));
        Assert.Equal((Template, CouponExpiryReminders.Page), (message.TemplateId, message.Page));
        var keywords = JsonNode.Parse(message.DataJson)!;
        Assert.Equal("鲜果满100减15", keywords["thing1"]!["value"]!.GetValue<string>());
        var validUntil = coupon["validUntil"]!.GetValue<DateTime>().ToUniversalTime().AddHours(8);
        Assert.Equal(validUntil.ToString("yyyy-MM-dd HH:mm", System.Globalization.CultureInfo.InvariantCulture), keywords["time2"]!["value"]!.GetValue<string>());
        Assert.Equal(0, await _kit.RemainingAsync(accepted.Id, Template));
        Assert.True(Reminded(first) >= 1, first.ToJsonString());
        Assert.Equal(0, Reminded(replay));
    }

    [Fact]
    public async Task Each_acceptance_pays_for_one_message()
    {
        // given: three expiring coupons, two acceptances
        var template = await _coupons.TemplateAsync(t => { t["validity"] = new { daysAfterIssue = 1 }; t["perMemberLimit"] = 3; });
        var (member, openId) = await _kit.MemberAsync();
        for (var i = 0; i < 3; i++)
        {
            await _coupons.ClaimedAsync(template, member.Id);
        }

        await _kit.SubscribeAsync(member.Id, (Template, true));
        await _kit.SubscribeAsync(member.Id, (Template, true));

        // when
        await RunJobAsync();
        await RunJobAsync();

        // then: two messages (2 acceptances), the third coupon goes unreminded until the member accepts again
        Assert.Equal(2, MessagesTo(openId).Count);
        Assert.Equal(0, await _kit.RemainingAsync(member.Id, Template));

        await _kit.SubscribeAsync(member.Id, (Template, true));
        await RunJobAsync();
        Assert.Equal(3, MessagesTo(openId).Count);
    }

    [Fact]
    public async Task Parallel_runs_send_one_reminder_per_coupon()
    {
        // given: a coupon, and five acceptances (so only the coupon limits the messages)
        var template = await _coupons.TemplateAsync(t => t["validity"] = new { daysAfterIssue = 2 });
        var (member, openId) = await _kit.MemberAsync();
        await _coupons.ClaimedAsync(template, member.Id);
        for (var i = 0; i < 5; i++)
        {
            await _kit.SubscribeAsync(member.Id, (Template, true));
        }

        await RunJobAsync(); // marks the coupon expiring soon (and may remind it)
        var reminders = fixture.Gateway.Service<CouponExpiryReminders>();

        // when: four reminder steps at once, as on four gateway instances
        await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => reminders.SendAsync(DateTime.UtcNow, CancellationToken.None)));

        // then
        Assert.Single(MessagesTo(openId));
        Assert.Equal(4, await _kit.RemainingAsync(member.Id, Template));
    }

    [Fact]
    public async Task When_WeChat_says_the_member_refuses_the_template_their_acceptances_are_withdrawn()
    {
        // given: two acceptances, but WeChat answers 43101 (the member turned the template off in WeChat)
        var template = await _coupons.TemplateAsync(t => t["validity"] = new { daysAfterIssue = 2 });
        var (member, openId) = await _kit.MemberAsync();
        await _coupons.ClaimedAsync(template, member.Id);
        await _kit.SubscribeAsync(member.Id, (Template, true));
        await _kit.SubscribeAsync(member.Id, (Template, true));
        fixture.WeChat.FailNext(WeChatStub.SubscribeSend, 43101);

        // when
        await RunJobAsync();

        // then: no message; nothing left to send with; the ledger says WeChat withdrew it
        Assert.Empty(MessagesTo(openId));
        var consents = await _kit.ConsentsAsync(member.Id);
        Assert.Empty(consents["subscribeMessages"]!.AsArray());
        Assert.Equal(("SUBSCRIBE_MESSAGE", "REVOKED", "WECHAT_PLATFORM", Template), ConsentKit.Ledger(consents)[0]);
    }

    [Fact]
    public async Task A_message_WeChat_refuses_otherwise_gives_the_acceptance_back()
    {
        // given
        var template = await _coupons.TemplateAsync(t => t["validity"] = new { daysAfterIssue = 2 });
        var (member, openId) = await _kit.MemberAsync();
        await _coupons.ClaimedAsync(template, member.Id);
        await _kit.SubscribeAsync(member.Id, (Template, true));
        fixture.WeChat.FailNext(WeChatStub.SubscribeSend, 47003);

        // when
        await RunJobAsync();
        await RunJobAsync();

        // then: not sent, not tried again for this coupon, and the acceptance is still there for the next one
        Assert.Empty(MessagesTo(openId));
        Assert.Equal(1, await _kit.RemainingAsync(member.Id, Template));
    }

    private List<MemberGraph.Tencent.Sandbox.SandboxSubscribeMessage> MessagesTo(string openId) =>
        fixture.WeChat.SubscribeMessages.Where(m => m.ToUser == openId).ToList();

    private async Task<JsonNode> RunJobAsync()
    {
        var run = (await fixture.Gateway.GraphQLAsync(RunJob, token: _kit.Data.AdminToken())).OkData()["runJob"]!;
        Assert.True(run["errors"]!.AsArray().Count == 0 && run["jobRun"]!["status"]!.GetValue<string>() == "SUCCEEDED", run.ToJsonString());
        return JsonNode.Parse(run["jobRun"]!["summary"]!.GetValue<string>())!;
    }

    private static int Reminded(JsonNode summary) => summary["reminded"]!.GetValue<int>();
}

using MemberGraph.Coupons;
using MemberGraph.Domain;
using MemberGraph.Operations.Journeys;
using MemberGraph.Tests.Privacy;
using Microsoft.Extensions.DependencyInjection;

namespace MemberGraph.Tests.Operations.Journeys;

/// <summary>
/// What a journey keeps to when it acts: consent for subscribe messages (checked in the WeChat stub's received messages),
/// the frequency cap across journeys, the coupon's stock, and its condition.
/// </summary>
public sealed class JourneyRulesTests : JourneyWorld
{
    [Fact]
    public async Task A_subscribe_message_goes_only_to_members_who_accepted_the_template_once_however_often_the_job_runs()
    {
        // given: a journey sending the template on the second purchase; one member accepted the template, one did not
        var journey = await Kit.ActiveAsync(new Dictionary<string, object?>
        {
            ["name"] = "tasting invitation",
            ["trigger"] = new { kind = "NTH_PURCHASE", purchaseNumber = 2 },
            ["actions"] = new object[]
            {
                new { kind = "SUBSCRIBE_MESSAGE", templateId = Template, page = "pages/tasting/index", data = new[] { new { key = "thing1", value = "新人试吃" } } },
            },
        });
        var (accepted, acceptedPhone, acceptedOpenId) = await Kit.MemberAsync();
        var (silent, silentPhone, silentOpenId) = await Kit.MemberAsync();
        await new ConsentKit(Gateway).SubscribeAsync(accepted.Id, (Template, true));
        foreach (var phone in new[] { acceptedPhone, silentPhone })
        {
            await Kit.OrderAsync(phone, $"JM-{phone}-1", JustNow);
            await Kit.OrderAsync(phone, $"JM-{phone}-2", JustNow);
        }

        // when
        Clock.Advance(TimeSpan.FromMinutes(1));
        await Kit.RunAsync();
        await Kit.RunAsync();

        // then: one message, to the member who accepted, with the journey's page and keywords; the other SKIPPED NO_CONSENT
        var message = Assert.Single(WeChat.SubscribeMessages, m => m.ToUser == acceptedOpenId);
        Assert.DoesNotContain(WeChat.SubscribeMessages, m => m.ToUser == silentOpenId);
        Assert.Equal((Template, "pages/tasting/index"), (message.TemplateId, message.Page));
        Assert.Equal("新人试吃", System.Text.Json.Nodes.JsonNode.Parse(message.DataJson)!["thing1"]!["value"]!.GetValue<string>());
        var enrolments = (await Kit.EnrolmentsAsync(journey)).ToDictionary(e => e.MemberId);
        Assert.Equal(JourneyEnrolmentStatus.Acted, enrolments[accepted.Id].Status);
        Assert.Equal((JourneyEnrolmentStatus.Skipped, JourneySkipReasons.NoConsent), (enrolments[silent.Id].Status, enrolments[silent.Id].SkipReason));
        Assert.Equal(0, await new ConsentKit(Gateway).RemainingAsync(accepted.Id, Template));
    }

    [Fact]
    public async Task The_frequency_cap_counts_touches_across_journeys()
    {
        // given: two journeys on the second purchase, each capped at one touch per member in 30 days
        var (first, second) = (await Kit.Coupons.TemplateAsync(), await Kit.Coupons.TemplateAsync());
        foreach (var template in new[] { first, second })
        {
            var input = JourneyKit.SecondPurchaseCoupon(template, 0);
            input["frequencyCap"] = new { maxTouches = 1, perDays = 30 };
            await Kit.ActiveAsync(input);
        }

        var (member, phone, _) = await Kit.MemberAsync();
        await Kit.OrderAsync(phone, "JF-1", JustNow);
        await Kit.OrderAsync(phone, "JF-2", JustNow);

        // when
        Clock.Advance(TimeSpan.FromMinutes(1));
        var summary = await Kit.RunAsync();

        // then: one coupon in all; the other journey's enrolment is SKIPPED FREQUENCY_CAP
        Assert.Equal(1, await Kit.CouponsAsync(first, member.Id) + await Kit.CouponsAsync(second, member.Id));
        Assert.Equal((1, 1), (summary["acted"]!.GetValue<int>(), summary["skipped"]!.GetValue<int>()));
    }

    [Fact]
    public async Task A_coupon_out_of_stock_skips_the_member_with_the_reason_and_takes_no_more_than_the_stock()
    {
        // given: a template with one coupon left for three second-time buyers
        var template = await Kit.Coupons.TemplateAsync(t => t["totalStock"] = 1);
        var journey = await Kit.ActiveAsync(JourneyKit.SecondPurchaseCoupon(template, 0));
        for (var i = 0; i < 3; i++)
        {
            var (_, phone, _) = await Kit.MemberAsync();
            await Kit.OrderAsync(phone, $"JS-{i}-1", JustNow);
            await Kit.OrderAsync(phone, $"JS-{i}-2", JustNow);
        }

        // when: the job runs, twice
        Clock.Advance(TimeSpan.FromMinutes(1));
        await Kit.RunAsync();
        await Kit.RunAsync();

        // then: one coupon; the two others SKIPPED OUT_OF_STOCK, not retried
        Assert.Equal(1, await Kit.IssuedAsync(template));
        var enrolments = await Kit.EnrolmentsAsync(journey);
        Assert.Single(enrolments, e => e.Status == JourneyEnrolmentStatus.Acted);
        Assert.Equal(2, enrolments.Count(e => e is { Status: JourneyEnrolmentStatus.Skipped, SkipReason: "OUT_OF_STOCK" }));
        var counts = await Kit.CountsAsync(journey);
        Assert.Equal((3L, 1L, 2L), (JourneyKit.Count(counts, "entered"), JourneyKit.Count(counts, "acted"), JourneyKit.Count(counts, "skipped")));
    }

    [Fact]
    public async Task A_member_who_no_longer_matches_the_condition_is_skipped()
    {
        // given: a journey for GOLD members only; the buyer is at the base level
        var template = await Kit.Coupons.TemplateAsync();
        var input = JourneyKit.SecondPurchaseCoupon(template, 0);
        input["condition"] = new { expression = "tier = GOLD" };
        var journey = await Kit.ActiveAsync(input);
        var (_, phone, _) = await Kit.MemberAsync();
        await Kit.OrderAsync(phone, "JK-1", JustNow);
        await Kit.OrderAsync(phone, "JK-2", JustNow);

        // when
        Clock.Advance(TimeSpan.FromMinutes(1));
        await Kit.RunAsync();

        // then
        var enrolment = Assert.Single(await Kit.EnrolmentsAsync(journey));
        Assert.Equal((JourneyEnrolmentStatus.Skipped, JourneySkipReasons.ConditionNotMet), (enrolment.Status, enrolment.SkipReason));
        Assert.Equal(0, await Kit.IssuedAsync(template));
    }

    [Theory]
    [InlineData("wait", "WAIT_OUT_OF_RANGE", "waitMinutes")]
    [InlineData("template", "COUPON_TEMPLATE_UNKNOWN", "actions.couponTemplateId")]
    [InlineData("segment", "SEGMENT_UNKNOWN", "condition.segmentId")]
    [InlineData("expression", "SEGMENT_EXPRESSION_INVALID", "condition.expression")]
    [InlineData("subscribeTemplate", "SUBSCRIBE_TEMPLATE_UNKNOWN", "actions.templateId")]
    [InlineData("guideTaskWithoutScript", "INVALID_INPUT", "actions.script")]
    [InlineData("purchase", "INVALID_INPUT", "trigger.purchaseNumber")]
    [InlineData("enteredNoSegment", "SEGMENT_UNKNOWN", "trigger.segmentId")]
    [InlineData("enteredUnknownSegment", "SEGMENT_UNKNOWN", "trigger.segmentId")]
    public async Task A_definition_that_cannot_work_is_refused_with_a_code(string fault, string code, string field)
    {
        // given
        var template = await Kit.Coupons.TemplateAsync();
        var input = JourneyKit.SecondPurchaseCoupon(template, 0);
        switch (fault)
        {
            case "wait": input["waitMinutes"] = -1; break;
            case "template": input["actions"] = new object[] { new { kind = "ISSUE_COUPON", couponTemplateId = GlobalId.Encode("CouponTemplate", 999_999) } }; break;
            case "segment": input["condition"] = new { segmentId = GlobalId.Encode("Segment", 999_999) }; break;
            case "expression": input["condition"] = new { expression = "tier = = GOLD" }; break;
            case "subscribeTemplate":
                input["actions"] = new object[] { new { kind = "SUBSCRIBE_MESSAGE", templateId = "not-configured", page = "pages/index", data = new[] { new { key = "thing1", value = "x" } } } };
                break;
            case "guideTaskWithoutScript": input["actions"] = new object[] { new { kind = "GUIDE_TASK", script = " ", dueDays = 3 } }; break;
            case "enteredNoSegment": input["trigger"] = new { kind = "ENTERED_SEGMENT" }; break;
            case "enteredUnknownSegment": input["trigger"] = new { kind = "ENTERED_SEGMENT", segmentId = GlobalId.Encode("Segment", 999_999) }; break;
            default: input["trigger"] = new { kind = "NTH_PURCHASE" }; break;
        }

        // when
        var payload = await Kit.DefinePayloadAsync(input);

        // then: refused, nothing saved
        var error = Assert.Single(payload["errors"]!.AsArray());
        Assert.Equal((code, field), (error!["code"]!.GetValue<string>(), error["field"]!.GetValue<string>()));
        Assert.Null(payload["journey"]);
    }
}

/// <summary>
/// A crash between the coupon and the enrolment's ACTED: a CouponIssued handler that fails once makes the acting
/// transaction roll back (as a process dying before its commit would); the next run acts, and the member has one coupon.
/// </summary>
public sealed class JourneyCrashTests : JourneyWorld
{
    private readonly FailOnce _failure = new();

    protected override void Register(IServiceCollection services) =>
        services.AddSingleton<IDomainEventHandler<CouponIssued>>(_failure);

    [Fact]
    public async Task After_a_failed_attempt_the_next_run_issues_exactly_one_coupon()
    {
        // given
        var template = await Kit.Coupons.TemplateAsync();
        var journey = await Kit.ActiveAsync(JourneyKit.SecondPurchaseCoupon(template, 0));
        var (member, phone, _) = await Kit.MemberAsync();
        await Kit.OrderAsync(phone, "JX-1", JustNow);
        await Kit.OrderAsync(phone, "JX-2", JustNow);
        Clock.Advance(TimeSpan.FromMinutes(1));

        // when: the first run fails inside the coupon's transaction
        _failure.Armed = true;
        var failed = await Kit.RunAsync();

        // then: rolled back — no coupon, no stock taken, still waiting
        Assert.Equal(1, failed["retry"]!.GetValue<int>());
        Assert.Equal((0, 0), (await Kit.CouponsAsync(template, member.Id), await Kit.IssuedAsync(template)));
        Assert.Equal(JourneyEnrolmentStatus.Waiting, Assert.Single(await Kit.EnrolmentsAsync(journey)).Status);

        // when: the next runs
        await Kit.RunAsync();
        await Kit.RunAsync();

        // then
        Assert.Equal((1, 1), (await Kit.CouponsAsync(template, member.Id), await Kit.IssuedAsync(template)));
        Assert.Equal(JourneyEnrolmentStatus.Acted, Assert.Single(await Kit.EnrolmentsAsync(journey)).Status);
    }

    private sealed class FailOnce : IDomainEventHandler<CouponIssued>
    {
        public bool Armed { get; set; }

        public Task HandleAsync(CouponIssued domainEvent, UnitOfWork work, CancellationToken cancellationToken)
        {
            if (!Armed)
            {
                return Task.CompletedTask;
            }

            Armed = false;
            throw new InvalidOperationException("simulated crash before the commit");
        }
    }
}

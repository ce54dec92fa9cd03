using MemberGraph.Operations.Journeys;
using MemberGraph.Tests.Infrastructure;

namespace MemberGraph.Tests.Operations.Journeys;

/// <summary>Triggers other than the n-th purchase, each from the change that raises its event, through /graphql.</summary>
public sealed class JourneyTriggerTests : JourneyWorld
{
    [Fact]
    public async Task A_new_member_created_by_their_first_order_enrols_once_in_a_registration_journey()
    {
        // given: a welcome journey on REGISTERED, and a member already known
        var template = await Kit.Coupons.TemplateAsync();
        var journey = await Kit.ActiveAsync(new Dictionary<string, object?>
        {
            ["name"] = "welcome",
            ["trigger"] = new { kind = "REGISTERED" },
            ["actions"] = new object[] { new { kind = "ISSUE_COUPON", couponTemplateId = template } },
        });
        var (known, knownPhone, _) = await Kit.MemberAsync();

        // when: an unknown POS card buys twice (OneID creates the member on the first order), and the known member buys
        var first = await Kit.Orders.RecordOkAsync(LoyaltyApi.Order("JR-1", "CARD-JOURNEY-NEW", 2_000, paidAt: JustNow));
        await Kit.Orders.RecordOkAsync(LoyaltyApi.Order("JR-2", "CARD-JOURNEY-NEW", 2_000, paidAt: JustNow));
        await Kit.OrderAsync(knownPhone, "JR-3", JustNow);
        Clock.Advance(TimeSpan.FromMinutes(1));
        await Kit.RunAsync();

        // then: the new member enrolled once and got the welcome coupon; the known member did not enrol
        var newcomer = LoyaltyApi.MemberKey(first);
        var enrolment = Assert.Single(await Kit.EnrolmentsAsync(journey));
        Assert.Equal((newcomer, "registered", JourneyEnrolmentStatus.Acted), (enrolment.MemberId, enrolment.Occurrence, enrolment.Status));
        Assert.Equal((1, 0), (await Kit.CouponsAsync(template, newcomer), await Kit.CouponsAsync(template, known.Id)));
    }

    [Fact]
    public async Task A_tier_reached_through_an_order_enrols_once_and_a_replayed_order_adds_nothing()
    {
        // given: a journey on TIER_CHANGED; SILVER is 100,000 cents of growth
        var template = await Kit.Coupons.TemplateAsync();
        var journey = await Kit.ActiveAsync(OnTrigger("TIER_CHANGED", template));
        var (member, phone, _) = await Kit.MemberAsync();
        var order = LoyaltyApi.Order("JT-1", phone, 120_000, paidAt: JustNow, identities: [new { channel = "PHONE", externalId = phone }]);

        // when: an order of 1,200 yuan takes the member from BASE to SILVER, then the same order is recorded again
        await Kit.Orders.RecordOkAsync(order);
        await Kit.Orders.RecordOkAsync(order);

        // then: one enrolment, for the level reached that day
        var day = Clock.GetUtcNow().UtcDateTime.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        var enrolment = Assert.Single(await Kit.EnrolmentsAsync(journey));
        Assert.Equal((member.Id, $"tier:1:{day}"), (enrolment.MemberId, enrolment.Occurrence));

        // when: the journey acts (twice)
        Clock.Advance(TimeSpan.FromMinutes(1));
        await Kit.RunAsync();
        await Kit.RunAsync();

        // then: one coupon
        Assert.Equal(1, await Kit.CouponsAsync(template, member.Id));
    }

    [Fact]
    public async Task A_coupon_announced_as_expiring_soon_enrols_once_per_coupon_however_often_the_job_runs()
    {
        // given: a journey on COUPON_EXPIRING; two members each holding a coupon valid one day (inside the 72-hour horizon), a third one valid 30 days
        var reminder = await Kit.Coupons.TemplateAsync(t => t["validity"] = new Dictionary<string, object?> { ["daysAfterIssue"] = 1 });
        var lasting = await Kit.Coupons.TemplateAsync();
        var template = await Kit.Coupons.TemplateAsync();
        var journey = await Kit.ActiveAsync(OnTrigger("COUPON_EXPIRING", template));
        var (first, second, third) = ((await Kit.MemberAsync()).Member.Id, (await Kit.MemberAsync()).Member.Id, (await Kit.MemberAsync()).Member.Id);
        var firstCoupon = await Kit.Coupons.ClaimedAsync(reminder, first);
        var secondCoupon = await Kit.Coupons.ClaimedAsync(reminder, second);
        await Kit.Coupons.ClaimedAsync(lasting, third);

        // when: the coupon-expiry job runs twice
        await RunJobAsync("coupon-expiry");
        Clock.Advance(TimeSpan.FromMinutes(5));
        await RunJobAsync("coupon-expiry");

        // then: one enrolment per expiring coupon, none for the lasting one
        var enrolled = (await Kit.EnrolmentsAsync(journey)).ConvertAll(e => (e.MemberId, e.Occurrence));
        Assert.Equal([(first, $"coupon-expiring:{CouponKey(firstCoupon)}"), (second, $"coupon-expiring:{CouponKey(secondCoupon)}")], enrolled.Order().ToList());
    }

    [Fact]
    public async Task A_member_bound_to_a_guide_enrols_once_and_the_same_binding_again_adds_nothing()
    {
        // given: a journey on BOUND_TO_GUIDE, a guide
        var template = await Kit.Coupons.TemplateAsync();
        var journey = await Kit.ActiveAsync(OnTrigger("BOUND_TO_GUIDE", template));
        var store = await Kit.Data.StoreAsync();
        var guide = await Kit.Data.GuideAsync(store.Id);
        var (member, _, _) = await Kit.MemberAsync();

        // when: the member scans the guide's QR code, twice
        const string Bind = "mutation($i: BindGuideInput!) { bindGuide(input: $i) { relationship { kind } errors { code } } }";
        var scans = new List<string>();
        for (var i = 0; i < 2; i++)
        {
            var bound = await Gateway.GraphQLAsync(Bind, new { i = new { guideCode = guide.GuideCode, source = "QR_SCAN" } }, Kit.Data.MemberToken(member.Id));
            scans.Add(bound.OkData()["bindGuide"]!.ToJsonString());
        }

        // then: one enrolment, for the relationship
        var enrolment = Assert.Single(await Kit.EnrolmentsAsync(journey));
        Assert.True(enrolment.MemberId == member.Id && enrolment.Occurrence.StartsWith("bound:", StringComparison.Ordinal), string.Join(" / ", scans));
    }

    private static Dictionary<string, object?> OnTrigger(string kind, string couponTemplateId) => new()
    {
        ["name"] = $"{kind} {TestData.Next()}",
        ["trigger"] = new { kind },
        ["actions"] = new object[] { new { kind = "ISSUE_COUPON", couponTemplateId } },
    };

    private static long CouponKey(System.Text.Json.Nodes.JsonNode coupon) => MemberGraph.Domain.GlobalId.TryDecode(coupon["id"]!.GetValue<string>(), "Coupon")!.Value;

    private async Task RunJobAsync(string job)
    {
        var run = (await Gateway.GraphQLAsync($"mutation {{ runJob(input: {{ job: \"{job}\", wait: true }}) {{ jobRun {{ status error }} errors {{ code }} }} }}",
            token: Kit.Data.AdminToken())).OkData()["runJob"]!;
        Assert.True(run["jobRun"]?["status"]?.GetValue<string>() == "SUCCEEDED", run.ToJsonString());
    }
}

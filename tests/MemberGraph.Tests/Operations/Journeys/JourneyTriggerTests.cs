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
}

using MemberGraph.Data;
using MemberGraph.Operations.Journeys;
using Microsoft.Extensions.DependencyInjection;

namespace MemberGraph.Tests.Operations.Journeys;

/// <summary>
/// The issue's journey, "second purchase → coupon after a one-day wait", through /graphql: a member's second order enrols
/// them once (a replayed order does not enrol again, a first order enrols nobody), the coupon comes only once the wait
/// is over, and however often — or in parallel — the advance job runs, each member gets exactly one coupon.
/// </summary>
public abstract class SecondPurchaseJourneyTests : JourneyWorld
{
    public sealed class OnSqlite : SecondPurchaseJourneyTests;

    public sealed class OnPostgres : SecondPurchaseJourneyTests
    {
        protected override DatabaseKind Database => DatabaseKind.Postgres;
    }

    private const int OneDay = 24 * 60;

    [Fact]
    public async Task A_second_order_enrols_once_and_the_coupon_comes_once_after_the_wait()
    {
        // given: the journey, active; a template of 100 coupons, one per member
        var template = await Kit.Coupons.TemplateAsync();
        var journey = await Kit.ActiveAsync(JourneyKit.SecondPurchaseCoupon(template, OneDay));
        var (twice, twicePhone, _) = await Kit.MemberAsync();
        var (once, oncePhone, _) = await Kit.MemberAsync();

        // when: one member orders twice (the second order replayed), the other once
        await Kit.OrderAsync(twicePhone, "J-1", JustNow);
        await Kit.OrderAsync(twicePhone, "J-2", JustNow);
        var replay = await Kit.OrderAsync(twicePhone, "J-2", JustNow);
        await Kit.OrderAsync(oncePhone, "J-3", JustNow);

        // then: one enrolment, waiting a day
        Assert.True(replay["replayed"]!.GetValue<bool>());
        var enrolment = Assert.Single(await Kit.EnrolmentsAsync(journey));
        Assert.Equal((twice.Id, JourneyEnrolmentStatus.Waiting), (enrolment.MemberId, enrolment.Status));

        // when: the job runs before the day is over
        await Kit.RunAsync();

        // then: nothing yet
        Assert.Equal(0, await Kit.CouponsAsync(template, twice.Id));

        // when: a day later, the job runs twice
        Clock.Advance(TimeSpan.FromMinutes(OneDay + 1));
        var first = await Kit.RunAsync();
        var again = await Kit.RunAsync();

        // then: one coupon to the second-time buyer, none to the first-time buyer; the counts say so
        Assert.Equal((1, 0), (first["acted"]!.GetValue<int>(), again["acted"]!.GetValue<int>()));
        Assert.Equal(1, await Kit.CouponsAsync(template, twice.Id));
        Assert.Equal(0, await Kit.CouponsAsync(template, once.Id));
        Assert.Equal(1, await Kit.IssuedAsync(template));
        var counts = await Kit.CountsAsync(journey);
        Assert.Equal((1L, 0L, 1L, 0L), (JourneyKit.Count(counts, "entered"), JourneyKit.Count(counts, "waiting"), JourneyKit.Count(counts, "acted"),
            JourneyKit.Count(counts, "skipped")));
        var read = await Kit.ReadAsync(journey);
        var node = read["enrolments"]!["edges"]![0]!["node"]!;
        Assert.Equal("ACTED", node["status"]!.GetValue<string>());
        Assert.StartsWith("ISSUE_COUPON: coupon ", node["outcome"]!.GetValue<string>());
    }

    [Fact]
    public async Task Parallel_passes_on_two_gateway_instances_issue_one_coupon_per_member()
    {
        // given: twenty members each with a second order, due now
        var template = await Kit.Coupons.TemplateAsync();
        var journey = await Kit.ActiveAsync(JourneyKit.SecondPurchaseCoupon(template, OneDay));
        var members = new List<long>();
        for (var i = 0; i < 20; i++)
        {
            var (member, phone, _) = await Kit.MemberAsync();
            await Kit.OrderAsync(phone, $"JP-{i}-1", JustNow);
            await Kit.OrderAsync(phone, $"JP-{i}-2", JustNow);
            members.Add(member.Id);
        }

        Clock.Advance(TimeSpan.FromMinutes(OneDay + 1));

        // when: a second gateway instance on the same database, and four passes at once (the job over HTTP and three more on both instances)
        var sameDatabase = WeChat.Settings();
        if (Database == DatabaseKind.Postgres)
        {
            sameDatabase["ConnectionStrings:Postgres"] = Gateway.Service<DatabaseProvider>().ConnectionString;
        }
        else
        {
            sameDatabase["ConnectionStrings:Sqlite"] = $"Data Source={Path.Combine(Gateway.DataDir, "membergraph.db")}";
        }

        await using var second = await Infrastructure.GatewayHost.StartAsync(sameDatabase, services: s => s.AddSingleton<TimeProvider>(Clock));
        var now = Clock.GetUtcNow().UtcDateTime;
        await Task.WhenAll(
            Kit.RunAsync(),
            Gateway.Service<JourneyAdvance>().AdvanceAsync(now, null, CancellationToken.None),
            second.Service<JourneyAdvance>().AdvanceAsync(now, null, CancellationToken.None),
            second.Service<JourneyAdvance>().AdvanceAsync(now, null, CancellationToken.None));

        // then: exactly one coupon per member, twenty taken from stock
        foreach (var member in members)
        {
            Assert.Equal(1, await Kit.CouponsAsync(template, member));
        }

        Assert.Equal(20, await Kit.IssuedAsync(template));
        Assert.All(await Kit.EnrolmentsAsync(journey), e => Assert.Equal(JourneyEnrolmentStatus.Acted, e.Status));
    }

    [Fact]
    public async Task A_paused_journey_enrols_nobody_and_its_waiting_members_wait_until_it_is_activated_again()
    {
        // given: one member enrolled while the journey was active, then the journey paused
        var template = await Kit.Coupons.TemplateAsync();
        var journey = await Kit.ActiveAsync(JourneyKit.SecondPurchaseCoupon(template, 0));
        var (enrolled, enrolledPhone, _) = await Kit.MemberAsync();
        await Kit.OrderAsync(enrolledPhone, "JPA-1", JustNow);
        await Kit.OrderAsync(enrolledPhone, "JPA-2", JustNow);
        await Kit.SetStatusAsync(JourneyKit.Pause, journey, "PAUSED");

        // when: another member's second order while paused, and the job runs
        var (late, latePhone, _) = await Kit.MemberAsync();
        await Kit.OrderAsync(latePhone, "JPA-3", JustNow);
        await Kit.OrderAsync(latePhone, "JPA-4", JustNow);
        Clock.Advance(TimeSpan.FromMinutes(5));
        await Kit.RunAsync();

        // then: nobody new enrolled, the enrolled member still waits, no coupon
        var enrolment = Assert.Single(await Kit.EnrolmentsAsync(journey));
        Assert.Equal((enrolled.Id, JourneyEnrolmentStatus.Waiting), (enrolment.MemberId, enrolment.Status));
        Assert.Equal(0, await Kit.IssuedAsync(template));

        // when: activated again
        await Kit.SetStatusAsync(JourneyKit.Activate, journey, "ACTIVE");
        await Kit.RunAsync();

        // then: the waiting member gets the coupon; the one who ordered while paused never enrolled
        Assert.Equal(1, await Kit.CouponsAsync(template, enrolled.Id));
        Assert.Equal(0, await Kit.CouponsAsync(template, late.Id));
    }

    [Fact]
    public async Task An_order_within_the_window_after_the_coupon_counts_as_a_conversion()
    {
        // given: two members acted on (conversion window 7 days)
        var template = await Kit.Coupons.TemplateAsync();
        var journey = await Kit.ActiveAsync(JourneyKit.SecondPurchaseCoupon(template, 0));
        var (_, buyer, _) = await Kit.MemberAsync();
        var (_, quiet, _) = await Kit.MemberAsync();
        foreach (var phone in new[] { buyer, quiet })
        {
            await Kit.OrderAsync(phone, $"JC-{phone}-1", JustNow);
            await Kit.OrderAsync(phone, $"JC-{phone}-2", JustNow);
        }

        Clock.Advance(TimeSpan.FromMinutes(1));
        await Kit.RunAsync();

        // when: three days later one of them orders again
        Clock.Advance(TimeSpan.FromDays(3));
        await Kit.OrderAsync(buyer, "JC-third", JustNow);

        // then: 2 acted, 1 converted
        var counts = await Kit.CountsAsync(journey);
        Assert.Equal((2L, 1L), (JourneyKit.Count(counts, "acted"), JourneyKit.Count(counts, "converted")));
    }
}

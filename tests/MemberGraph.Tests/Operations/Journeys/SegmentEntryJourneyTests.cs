using System.Globalization;
using MemberGraph.Domain;
using MemberGraph.Operations.Journeys;
using Microsoft.EntityFrameworkCore;

namespace MemberGraph.Tests.Operations.Journeys;

/// <summary>
/// ENTERED_SEGMENT through /graphql: members are put into a saved segment by tagging them, the tagging run detects who
/// entered, the journey-advance job acts. Tagging batches of one member id, so every member is a range of its own (a
/// crash can fall between two entries).
/// </summary>
public sealed class SegmentEntryJourneyTests : JourneyWorld
{
    protected override void Configure(IDictionary<string, string?> settings) => settings["Tagging:BatchSize"] = "1";

    private SegmentEntryKit Entry => field ??= new SegmentEntryKit(Gateway, Kit);

    private long SegmentKey => GlobalId.TryDecode(Entry.SegmentId, "Segment")!.Value;

    [Fact]
    public async Task Members_who_enter_the_segment_after_activation_are_enrolled_once_per_entry_and_get_one_coupon_each_time()
    {
        // given: A and B in the segment before the journey is active; C and D not (a coupon of up to 5 per member)
        var template = await Kit.Coupons.TemplateAsync(t => t["perMemberLimit"] = 5);
        await Entry.SegmentAsync();
        var (a, b, c, d) = ((await Kit.MemberAsync()).Member.Id, (await Kit.MemberAsync()).Member.Id, (await Kit.MemberAsync()).Member.Id, (await Kit.MemberAsync()).Member.Id);
        await Entry.TagAsync(a);
        await Entry.TagAsync(b);
        var journey = await Kit.ActiveAsync(Entry.CouponOnEntry(template));

        // when: C and D are tagged, and tagging runs
        await Entry.TagAsync(c);
        await Entry.TagAsync(d);
        var first = await Entry.RunTaggingOkAsync();

        // then: exactly C and D enrolled, for their first entry; A and B (the baseline) not
        Assert.Equal([(c, $"segment:{SegmentKey}:1"), (d, $"segment:{SegmentKey}:1")], await EnrolledAsync(journey));
        Assert.Equal((2L, 2L), (first["segmentEntries"]!.GetValue<long>(), first["segmentEnrolments"]!.GetValue<long>()));

        // when: tagging runs again with nothing changed
        var again = await Entry.RunTaggingOkAsync();

        // then: nobody new
        Assert.Equal(0L, again["segmentEnrolments"]!.GetValue<long>());
        Assert.Equal(2, (await EnrolledAsync(journey)).Count);

        // when: C leaves (one run), then comes back (the next run)
        await Entry.UntagAsync(c);
        var leaving = await Entry.RunTaggingOkAsync();
        await Entry.TagAsync(c);
        await Entry.RunTaggingOkAsync();

        // then: a second enrolment for C, its second entry
        Assert.Equal(1L, leaving["segmentExits"]!.GetValue<long>());
        Assert.Equal([(c, $"segment:{SegmentKey}:1"), (d, $"segment:{SegmentKey}:1"), (c, $"segment:{SegmentKey}:2")], await EnrolledAsync(journey));

        // when: the journey acts (twice: the second pass finds nothing)
        Clock.Advance(TimeSpan.FromMinutes(1));
        await Kit.RunAsync();
        await Kit.RunAsync();

        // then: one coupon per enrolment — C two, D one, A and B none; three taken from stock
        Assert.Equal((2, 1, 0, 0), (await Kit.CouponsAsync(template, c), await Kit.CouponsAsync(template, d),
            await Kit.CouponsAsync(template, a), await Kit.CouponsAsync(template, b)));
        Assert.Equal(3, await Kit.IssuedAsync(template));
        Assert.All(await Kit.EnrolmentsAsync(journey), e => Assert.Equal(JourneyEnrolmentStatus.Acted, e.Status));
    }

    [Fact]
    public async Task A_paused_journey_enrols_nobody_and_its_reactivation_takes_a_new_baseline()
    {
        // given: an active journey, then paused
        var template = await Kit.Coupons.TemplateAsync();
        await Entry.SegmentAsync();
        var journey = await Kit.ActiveAsync(Entry.CouponOnEntry(template));
        await Kit.SetStatusAsync(JourneyKit.Pause, journey, "PAUSED");
        var (whilePaused, afterwards) = ((await Kit.MemberAsync()).Member.Id, (await Kit.MemberAsync()).Member.Id);

        // when: a member enters while it is paused, tagging runs, the journey is activated again and tagging runs
        await Entry.TagAsync(whilePaused);
        var paused = await Entry.RunTaggingOkAsync();
        await Kit.SetStatusAsync(JourneyKit.Activate, journey, "ACTIVE");
        await Entry.RunTaggingOkAsync();

        // then: nobody enrolled (no active journey watched the segment; at reactivation the member was already in)
        Assert.Equal(0L, paused["segmentsWatched"]!.GetValue<long>());
        Assert.Empty(await EnrolledAsync(journey));

        // when: another member enters now
        await Entry.TagAsync(afterwards);
        await Entry.RunTaggingOkAsync();

        // then: only that one
        Assert.Equal([(afterwards, $"segment:{SegmentKey}:1")], await EnrolledAsync(journey));
    }

    [Fact]
    public async Task A_tagging_run_that_fails_half_way_through_the_entries_is_run_again_and_enrols_each_entry_once()
    {
        // given: an active journey; C and D enter (each in a member id range of its own)
        var template = await Kit.Coupons.TemplateAsync();
        await Entry.SegmentAsync();
        var journey = await Kit.ActiveAsync(Entry.CouponOnEntry(template));
        var (c, d) = ((await Kit.MemberAsync()).Member.Id, (await Kit.MemberAsync()).Member.Id);
        await Entry.TagAsync(c);
        await Entry.TagAsync(d);

        // when: the database refuses D's enrolment (as a crash in D's range would end it), then the run is started again
        var crashOnD = "CREATE TRIGGER crash_on_d BEFORE INSERT ON JourneyEnrolments WHEN NEW.MemberId = " + d.ToString(CultureInfo.InvariantCulture)
                       + " BEGIN SELECT RAISE(ABORT, 'simulated crash'); END";
        await using (var db = Gateway.Db())
        {
            await db.Database.ExecuteSqlRawAsync(crashOnD);
        }

        var failed = await Entry.RunTaggingAsync();
        var afterCrash = await EnrolledAsync(journey);
        await using (var db = Gateway.Db())
        {
            await db.Database.ExecuteSqlRawAsync("DROP TRIGGER crash_on_d");
        }

        await Entry.RunTaggingOkAsync();
        await Entry.RunTaggingOkAsync();

        // then: the failed run kept C's range (committed before D's) and nothing of D's; the rerun enrolled D; C once
        Assert.Equal("FAILED", failed["status"]!.GetValue<string>());
        Assert.Equal([(c, $"segment:{SegmentKey}:1")], afterCrash);
        Assert.Equal([(c, $"segment:{SegmentKey}:1"), (d, $"segment:{SegmentKey}:1")], await EnrolledAsync(journey));
    }

    private async Task<List<(long MemberId, string Occurrence)>> EnrolledAsync(string journey) =>
        (await Kit.EnrolmentsAsync(journey)).ConvertAll(e => (e.MemberId, e.Occurrence));
}

using MemberGraph.Guides;
using MemberGraph.Guides.Tasks;
using MemberGraph.Operations.Journeys;
using MemberGraph.Tests.Infrastructure;
using MemberGraph.Tests.Guides.Tasks;
using Microsoft.EntityFrameworkCore;

namespace MemberGraph.Tests.Operations.Journeys;

/// <summary>
/// A journey whose action is GUIDE_TASK, through /graphql: the member's exclusive guide gets exactly one task per enrolment,
/// however often journey-advance runs, and sees it in <c>myGuide.tasks</c>; a member no guide can take is SKIPPED with
/// NO_GUIDE (no retry loop, no error).
/// </summary>
public sealed class GuideTaskJourneyTests : JourneyWorld
{
    private static Dictionary<string, object?> SecondPurchaseTask() => new()
    {
        ["name"] = $"second purchase call {TestData.Next()}",
        ["trigger"] = new { kind = "NTH_PURCHASE", purchaseNumber = 2 },
        ["waitMinutes"] = 0,
        ["actions"] = new object[] { new { kind = "GUIDE_TASK", script = "Thank them for coming back; offer a tasting.", dueDays = 3 } },
    };

    [Fact]
    public async Task A_guide_task_action_gives_the_exclusive_guide_one_task_under_reruns()
    {
        // given: an active GUIDE_TASK journey; a member whose exclusive guide is G, and a member with no guide at all
        var journey = await Kit.ActiveAsync(SecondPurchaseTask());
        var store = await Kit.Data.StoreAsync();
        var guide = await Kit.Data.GuideAsync(store.Id);
        var (served, servedPhone, _) = await Kit.MemberAsync();
        var (alone, alonePhone, _) = await Kit.MemberAsync();
        await Kit.Data.RelationshipAsync(served.Id, guide.Id);

        // when: both buy twice; the job runs three times
        await Kit.OrderAsync(servedPhone, "GT-1", JustNow);
        await Kit.OrderAsync(servedPhone, "GT-2", JustNow);
        await Kit.OrderAsync(alonePhone, "GT-3", JustNow);
        await Kit.OrderAsync(alonePhone, "GT-4", JustNow);
        Clock.Advance(TimeSpan.FromMinutes(1));
        var first = await Kit.RunAsync();
        var second = await Kit.RunAsync();
        var third = await Kit.RunAsync();

        // then: the first pass acts on one enrolment and skips the other; later passes find nothing due
        Assert.Equal((1, 0, 0), (first["acted"]!.GetValue<int>(), second["acted"]!.GetValue<int>(), third["acted"]!.GetValue<int>()));
        var enrolments = await Kit.EnrolmentsAsync(journey);
        var acted = Assert.Single(enrolments, e => e.MemberId == served.Id);
        var skipped = Assert.Single(enrolments, e => e.MemberId == alone.Id);
        Assert.Equal(JourneyEnrolmentStatus.Acted, acted.Status);
        Assert.Equal((JourneyEnrolmentStatus.Skipped, JourneySkipReasons.NoGuide), (skipped.Status, skipped.SkipReason));
        Assert.Equal("GUIDE_TASK: NO_GUIDE", skipped.Outcome);

        // then: exactly one task for the served member, keyed by the enrolment, open for G and due in 3 days
        await using var db = Gateway.Db();
        var task = Assert.Single(await db.GuideTasks.AsNoTracking().Where(t => t.MemberId == served.Id).ToListAsync());
        Assert.Equal(($"journey:{acted.Id}", guide.Id, GuideTaskStatus.Open, GuideTaskRoute.ExclusiveGuide), (task.SourceKey, task.GuideId, task.Status, task.Route));
        Assert.Equal(task.CreatedAt.AddDays(3), task.DueAt);
        Assert.Equal($"GUIDE_TASK: task {task.Id}", acted.Outcome);
        // the member without a guide has the assigner's UNASSIGNED row (counted, never a guide's task)
        var unassigned = Assert.Single(await db.GuideTasks.AsNoTracking().Where(t => t.MemberId == alone.Id).ToListAsync());
        Assert.Equal((GuideTaskStatus.Unassigned, (long?)null), (unassigned.Status, unassigned.GuideId));

        // then: the guide lists it
        var listed = await new GuideTaskKit(Gateway).TasksOfAsync(guide);
        Assert.Equal([(served.Id, "EXCLUSIVE_GUIDE", "OPEN")], listed);
    }

    [Theory]
    [InlineData(null, 3, "actions.script")]
    [InlineData("", 3, "actions.script")]
    [InlineData("Call them", 0, "actions.dueDays")]
    [InlineData("Call them", 91, "actions.dueDays")]
    [InlineData("Call them", null, "actions.dueDays")]
    public async Task A_guide_task_action_needs_a_script_and_1_to_90_days(string? script, int? dueDays, string field)
    {
        var input = SecondPurchaseTask();
        input["actions"] = new object[] { new { kind = "GUIDE_TASK", script, dueDays } };

        var payload = await Kit.DefinePayloadAsync(input);

        var error = Assert.Single(payload["errors"]!.AsArray());
        Assert.Equal(("INVALID_INPUT", field), (error!["code"]!.GetValue<string>(), error["field"]!.GetValue<string>()));
    }
}

using MemberGraph.Auth;
using MemberGraph.Jobs;
using MemberGraph.Segments;
using MemberGraph.Tags;
using MemberGraph.Tags.Tagging;

namespace MemberGraph.Seeding;

/// <summary>
/// The demo's tags and segments, made the way an operator and guides make them: RULE tags defined with
/// <see cref="TagService"/> and assigned by a real full tagging run (a <c>JobRun</c> operators can read), MANUAL tags
/// put on customers by their guides, and saved segments over both.
/// </summary>
internal sealed class DemoTagging(TagService tags, SegmentService segments, JobRunner jobs)
{
    private static readonly DefineTagInput[] Definitions =
    [
        new("loves_imported", "进口水果爱好者", TagKind.Rule, new TagRule { Kind = TagRuleKind.CategoryPreference, Category = "ImportedFruit", MinSharePercent = 40, WindowDays = 365 }),
        new("lifecycle_active", "活跃客户", TagKind.Rule, new TagRule { Kind = TagRuleKind.Lifecycle, Stage = LifecycleStage.Active }),
        new("lifecycle_dormant", "沉睡客户", TagKind.Rule, new TagRule { Kind = TagRuleKind.Lifecycle, Stage = LifecycleStage.Dormant }),
        new("second_purchase", "复购第二单", TagKind.Rule, new TagRule { Kind = TagRuleKind.PurchaseStage, PurchaseNumber = 2 }),
        new("big_spender", "年消费500元以上", TagKind.Rule, new TagRule { Kind = TagRuleKind.Rfm, MinSpendCents = 50_000, WindowDays = 365 }),
        new("birthday_month", "本月生日", TagKind.Rule, new TagRule { Kind = TagRuleKind.BirthdayMonth }),
        new("vip_care", "重点维护", TagKind.Manual, null),
        new("prefers_delivery", "偏好外送", TagKind.Manual, null),
        new("likes_durian", "爱吃榴莲", TagKind.Manual, null),
    ];

    /// <summary>Saved segments: each is a real expression over the tags above and member attributes.</summary>
    public static readonly SaveSegmentInput[] Segments =
    [
        new(null, "进口水果爱好者（活跃）", "loves_imported AND lifecycle_active"),
        new(null, "沉睡召回（已注册）", "(lifecycle_dormant OR NOT lifecycle_active) AND registered = true"),
        new(null, "导购重点客户与大客户", "vip_care OR big_spender"),
    ];

    public async Task DefineAsync(CancellationToken ct)
    {
        foreach (var definition in Definitions)
        {
            var defined = await tags.DefineAsync(definition, DemoGuideCustomers.Operator, ct);
            if (!defined.Succeeded)
            {
                throw new InvalidOperationException($"Demo seed: tag '{definition.Key}' was refused: {defined.Error!.Message}");
            }
        }
    }

    /// <summary>Runs the full tagging job once, as the nightly schedule would.</summary>
    public Task RunTaggingAsync(CancellationToken ct) => DemoJobs.RunAsync(jobs, FullTaggingJob.JobName, ct);

    /// <summary>Each lead guide marks their first customers: 重点维护 for two, 偏好外送 and 爱吃榴莲 for the next.</summary>
    public async Task TagByGuidesAsync(IReadOnlyList<DemoCustomer> customers, IReadOnlyDictionary<long, long> storeOfGuide, CancellationToken ct)
    {
        foreach (var group in customers.GroupBy(c => c.GuideId).Where(g => g.Count() >= 4))
        {
            var guide = new Caller($"guide:{group.Key}", Roles.Guide, null, group.Key, storeOfGuide[group.Key], null, new HashSet<string>());
            var own = group.Select(c => c.MemberId).Distinct().ToList();
            string?[] keys = ["vip_care", "vip_care", "prefers_delivery", "likes_durian"];
            for (var i = 0; i < keys.Length && i < own.Count; i++)
            {
                var tagged = await tags.TagMemberAsync(own[i], keys[i]!, null, guide, ct);
                if (!tagged.Succeeded)
                {
                    throw new InvalidOperationException($"Demo seed: guide {group.Key} could not tag member {own[i]}: {tagged.Error!.Message}");
                }
            }
        }
    }

    public async Task SaveSegmentsAsync(CancellationToken ct)
    {
        foreach (var segment in Segments)
        {
            var saved = await segments.SaveAsync(segment, DemoGuideCustomers.Operator, ct);
            if (!saved.Succeeded)
            {
                throw new InvalidOperationException($"Demo seed: segment '{segment.Name}' was refused: {saved.Error!.Message}");
            }
        }
    }
}

using MemberGraph.Data;
using MemberGraph.Guides.Tasks;
using Microsoft.EntityFrameworkCore;

namespace MemberGraph.Seeding;

/// <summary>One guide task campaign over the key-customers segment, so the sidebar demo's guides have a work list.</summary>
internal sealed class DemoGuideTasks(IDbContextFactory<MemberGraphDb> factory, GuideTaskCampaignService campaigns)
{
    public const string SegmentName = "导购重点客户与大客户";

    public async Task SeedAsync(CancellationToken ct)
    {
        long segmentId;
        await using (var db = await factory.CreateDbContextAsync(ct))
        {
            segmentId = await db.Segments.Where(s => s.Name == SegmentName).Select(s => s.Id).SingleAsync(ct);
        }

        var input = new CreateGuideTaskCampaignInput("重点客户月度关怀", GuideTaskKind.Custom,
            "问候近况，介绍本周到店的新鲜水果；客户感兴趣就邀请到店试吃。", segmentId, null, 14, "demo-monthly-care");
        var created = await campaigns.CreateAsync(DemoGuideCustomers.Operator, input, ct);
        if (!created.Succeeded)
        {
            throw new InvalidOperationException($"Demo seed: the guide task campaign was refused: {created.Error!.Message}");
        }
    }
}

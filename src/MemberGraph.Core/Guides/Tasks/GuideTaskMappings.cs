using MemberGraph.Coupons;
using MemberGraph.Members;
using MemberGraph.Segments;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace MemberGraph.Guides.Tasks;

internal sealed class GuideTaskCampaignMapping : IEntityTypeConfiguration<GuideTaskCampaign>
{
    public void Configure(EntityTypeBuilder<GuideTaskCampaign> campaign)
    {
        campaign.Property(c => c.Name).HasMaxLength(100);
        campaign.Property(c => c.Script).HasMaxLength(GuideTaskRules.MaxScriptLength);
        campaign.Property(c => c.CreatedBy).HasMaxLength(100);
        campaign.HasIndex(c => c.Status);

        // Where parallel retries of one createGuideTaskCampaign meet: one campaign per key.
        campaign.Property(c => c.IdempotencyKey).HasMaxLength(GuideTaskRules.MaxIdempotencyKeyLength);
        campaign.HasIndex(c => c.IdempotencyKey).IsUnique().HasFilter("\"IdempotencyKey\" IS NOT NULL");
        campaign.HasOne<Segment>().WithMany().HasForeignKey(c => c.SegmentId).OnDelete(DeleteBehavior.Restrict);
        campaign.HasOne<CouponTemplate>().WithMany().HasForeignKey(c => c.CouponTemplateId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class GuideTaskMapping : IEntityTypeConfiguration<GuideTask>
{
    public void Configure(EntityTypeBuilder<GuideTask> task)
    {
        task.Property(t => t.SourceKey).HasMaxLength(200);
        task.Property(t => t.Script).HasMaxLength(GuideTaskRules.MaxScriptLength);
        task.Property(t => t.Note).HasMaxLength(GuideTaskRules.MaxNoteLength);

        // Where a restarted or doubled fill meets the first one: one task per campaign and member.
        task.HasIndex(t => new { t.CampaignId, t.MemberId }).IsUnique();
        task.HasIndex(t => t.SourceKey).IsUnique();

        // myGuide.tasks(status:) pages; completion rates per campaign; the expiry job's scan.
        task.HasIndex(t => new { t.GuideId, t.Status, t.Id });
        task.HasIndex(t => new { t.CampaignId, t.Status });
        task.HasIndex(t => new { t.Status, t.DueAt });
        task.HasIndex(t => t.MemberId);
        task.HasOne<GuideTaskCampaign>().WithMany().HasForeignKey(t => t.CampaignId).OnDelete(DeleteBehavior.Restrict);
        task.HasOne<Member>().WithMany().HasForeignKey(t => t.MemberId).OnDelete(DeleteBehavior.Restrict);
        task.HasOne<Guide>().WithMany().HasForeignKey(t => t.GuideId).OnDelete(DeleteBehavior.Restrict);
        task.HasOne<Coupon>().WithMany().HasForeignKey(t => t.CouponId).OnDelete(DeleteBehavior.Restrict);
    }
}

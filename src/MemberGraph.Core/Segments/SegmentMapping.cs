using MemberGraph.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace MemberGraph.Segments;

internal sealed class SegmentMapping : IEntityTypeConfiguration<Segment>
{
    public void Configure(EntityTypeBuilder<Segment> segment)
    {
        segment.Property(s => s.Name).HasMaxLength(100);
        segment.Property(s => s.Expression).HasMaxLength(SegmentExpressionParser.MaxLength);
        segment.Property(s => s.Owner).HasMaxLength(100);
        segment.HasIndex(s => s.Name).IsUnique();
    }
}

internal sealed class SegmentMembershipMapping : IEntityTypeConfiguration<SegmentMembership>
{
    public void Configure(EntityTypeBuilder<SegmentMembership> membership)
    {
        // one row per (segment, member): two evaluations racing cannot both insert an entry
        membership.HasKey(m => new { m.SegmentId, m.MemberId });
        membership.HasOne<Segment>().WithMany().HasForeignKey(m => m.SegmentId);
    }
}

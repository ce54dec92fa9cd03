using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace MemberGraph.Guides;

internal sealed class GuideMapping : IEntityTypeConfiguration<Guide>
{
    public void Configure(EntityTypeBuilder<Guide> guide)
    {
        guide.Property(g => g.GuideCode).HasMaxLength(30);
        guide.Property(g => g.WeComUserId).HasMaxLength(64);
        guide.Property(g => g.ContactWayConfigId).HasMaxLength(64);
        guide.Property(g => g.ContactWayQrCode).HasMaxLength(512);
        guide.HasIndex(g => g.GuideCode).IsUnique();
        guide.HasIndex(g => g.WeComUserId).IsUnique();
        guide.HasIndex(g => g.StoreId);
        guide.HasOne(g => g.Store).WithMany().HasForeignKey(g => g.StoreId);
    }
}

using MemberGraph.Members;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace MemberGraph.Tiers;

internal sealed class MemberTierMapping : IEntityTypeConfiguration<MemberTier>
{
    public void Configure(EntityTypeBuilder<MemberTier> tier)
    {
        tier.HasKey(t => t.MemberId);
        tier.Property(t => t.MemberId).ValueGeneratedNever();
        tier.HasOne<Member>().WithOne().HasForeignKey<MemberTier>(t => t.MemberId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class TierChangeMapping : IEntityTypeConfiguration<TierChange>
{
    public void Configure(EntityTypeBuilder<TierChange> change)
    {
        change.HasIndex(c => new { c.MemberId, c.Id });
        change.HasOne<Member>().WithMany().HasForeignKey(c => c.MemberId).OnDelete(DeleteBehavior.Restrict);
    }
}

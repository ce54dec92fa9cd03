using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace MemberGraph.Members;

internal sealed class MemberMapping : IEntityTypeConfiguration<Member>
{
    public void Configure(EntityTypeBuilder<Member> member)
    {
        member.Property(m => m.DisplayName).HasMaxLength(100);
        member.Property(m => m.Phone).HasMaxLength(20);
        member.HasIndex(m => m.Phone);
        member.HasIndex(m => m.TouchedAt);
        member.HasIndex(m => m.MergedIntoId);
        member.Ignore(m => m.IsRegistered);
    }
}

internal sealed class IdentityMapping : IEntityTypeConfiguration<Identity>
{
    public void Configure(EntityTypeBuilder<Identity> identity)
    {
        identity.Property(i => i.ExternalId).HasMaxLength(128);
        identity.HasIndex(i => new { i.Channel, i.ExternalId }).IsUnique();
        identity.HasIndex(i => i.MemberId);
        identity.HasOne(i => i.Member).WithMany(m => m.Identities).HasForeignKey(i => i.MemberId);
    }
}

internal sealed class MemberMergeMapping : IEntityTypeConfiguration<MemberMerge>
{
    public void Configure(EntityTypeBuilder<MemberMerge> merge)
    {
        merge.Property(m => m.MovedJson).HasMaxLength(int.MaxValue);
        merge.Property(m => m.FieldsJson).HasMaxLength(4000);
        merge.Ignore(m => m.IsUnmerged);
        merge.HasIndex(m => new { m.SurvivorId, m.MergedId });
        merge.HasIndex(m => m.MergedId);
    }
}

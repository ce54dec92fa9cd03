using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace MemberGraph.Tags;

internal sealed class TagDefinitionMapping : IEntityTypeConfiguration<TagDefinition>
{
    public void Configure(EntityTypeBuilder<TagDefinition> tag)
    {
        tag.Property(t => t.Key).HasMaxLength(64);
        tag.Property(t => t.RuleJson).HasMaxLength(2000);
        tag.HasIndex(t => t.Key).IsUnique();
    }
}

internal sealed class MemberTagMapping : IEntityTypeConfiguration<MemberTag>
{
    public void Configure(EntityTypeBuilder<MemberTag> memberTag)
    {
        memberTag.Property(t => t.Value).HasMaxLength(64);

        // One assignment per member and tag: re-running a rule can never duplicate.
        memberTag.HasIndex(t => new { t.TagId, t.MemberId }).IsUnique();
        memberTag.HasIndex(t => t.MemberId);
        memberTag.HasOne<TagDefinition>().WithMany().HasForeignKey(t => t.TagId);
        memberTag.HasOne<Members.Member>().WithMany().HasForeignKey(t => t.MemberId);
    }
}

using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace MemberGraph.Guides;

internal sealed class GuideRelationshipMapping : IEntityTypeConfiguration<GuideRelationship>
{
    public void Configure(EntityTypeBuilder<GuideRelationship> relationship)
    {
        relationship.Property(r => r.SourceDetail).HasMaxLength(64);
        relationship.Ignore(r => r.IsOpen);
        relationship.HasIndex(r => new { r.MemberId, r.Kind, r.EndedAt });
        relationship.HasIndex(r => new { r.GuideId, r.EndedAt });

        // At most one open exclusive guide per member, enforced by the database (filtered unique index).
        relationship.HasIndex(r => r.MemberId)
            .HasDatabaseName("IX_GuideRelationships_OneOpenExclusive")
            .IsUnique()
            .HasFilter("\"Kind\" = 'Exclusive' AND \"EndedAt\" IS NULL");
        relationship.HasOne(r => r.Guide).WithMany().HasForeignKey(r => r.GuideId);
        relationship.HasOne<Members.Member>().WithMany().HasForeignKey(r => r.MemberId);
    }
}

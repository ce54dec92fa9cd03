using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace MemberGraph.Audit;

internal sealed class AuditMapping : IEntityTypeConfiguration<AuditEntry>
{
    public void Configure(EntityTypeBuilder<AuditEntry> audit)
    {
        audit.Property(a => a.Detail).HasMaxLength(2000);
        audit.HasIndex(a => a.At);
        audit.HasIndex(a => a.Target);
    }
}

using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace MemberGraph.Audit;

internal sealed class AccessLogMapping : IEntityTypeConfiguration<AccessLogEntry>
{
    public void Configure(EntityTypeBuilder<AccessLogEntry> entry)
    {
        entry.ToTable("AccessLog");
        entry.Property(e => e.Subject).HasMaxLength(200);
        entry.Property(e => e.Role).HasMaxLength(40);
        entry.Property(e => e.Operation).HasMaxLength(100);
        entry.Property(e => e.Fields).HasMaxLength(AccessLogEntry.MaxFieldsLength);

        // The questions asked of it: whose data was read (newest first), who read (newest first), everything in a period.
        entry.HasIndex(e => new { e.MemberId, e.At });
        entry.HasIndex(e => new { e.Subject, e.At });
        entry.HasIndex(e => e.At);
    }
}

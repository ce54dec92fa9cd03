using MemberGraph.Members;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace MemberGraph.Points;

internal sealed class PointsAccountMapping : IEntityTypeConfiguration<PointsAccount>
{
    public void Configure(EntityTypeBuilder<PointsAccount> account)
    {
        account.HasKey(a => a.MemberId);
        account.Property(a => a.MemberId).ValueGeneratedNever();
        account.Property(a => a.Version).IsConcurrencyToken();
        account.HasOne<Member>().WithOne().HasForeignKey<PointsAccount>(a => a.MemberId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class PointsLotMapping : IEntityTypeConfiguration<PointsLot>
{
    public void Configure(EntityTypeBuilder<PointsLot> lot)
    {
        lot.Property(l => l.Version).IsConcurrencyToken();

        // FIFO consumption and expiring-soon reads per member; the release and expiry steps scan by status and time.
        lot.HasIndex(l => new { l.MemberId, l.Status, l.ExpiresAt });
        lot.HasIndex(l => new { l.Status, l.AvailableAt });
        lot.HasIndex(l => new { l.Status, l.ExpiresAt });
        lot.HasIndex(l => l.OrderId);
        lot.HasOne<Member>().WithMany().HasForeignKey(l => l.MemberId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class PointsEntryMapping : IEntityTypeConfiguration<PointsEntry>
{
    public void Configure(EntityTypeBuilder<PointsEntry> entry)
    {
        entry.Property(e => e.IdempotencyKey).HasMaxLength(100);
        entry.Property(e => e.SourceId).HasMaxLength(100);
        entry.HasIndex(e => new { e.MemberId, e.IdempotencyKey }).IsUnique();
        entry.HasIndex(e => new { e.MemberId, e.Id });
        entry.HasOne<Member>().WithMany().HasForeignKey(e => e.MemberId).OnDelete(DeleteBehavior.Restrict);
    }
}

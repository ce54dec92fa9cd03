using MemberGraph.Guides;
using MemberGraph.Orders;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace MemberGraph.Commission;

internal sealed class CommissionLineMapping : IEntityTypeConfiguration<CommissionLine>
{
    public void Configure(EntityTypeBuilder<CommissionLine> line)
    {
        line.Property(l => l.Sku).HasMaxLength(64);
        line.Property(l => l.Rule).HasMaxLength(100);
        line.Property(l => l.SettlementId).HasMaxLength(36);
        line.Property(l => l.Version).IsConcurrencyToken();
        line.Ignore(l => l.NetCents);

        // One commission per order line: a replayed order can never pay twice.
        line.HasIndex(l => l.OrderLineId).IsUnique();
        line.HasIndex(l => l.OrderId);

        // Newest-first keyset pages per guide, and settlement runs (pending lines of a guide earned before a date).
        line.HasIndex(l => new { l.GuideId, l.Id });

        // A guide's commission earned in a period (KPIs).
        line.HasIndex(l => new { l.GuideId, l.EarnedAt });
        line.HasIndex(l => new { l.Status, l.EarnedAt });
        line.HasIndex(l => l.SettlementId);

        line.HasOne<OrderLine>().WithMany().HasForeignKey(l => l.OrderLineId).OnDelete(DeleteBehavior.Restrict);
        line.HasOne<Order>().WithMany().HasForeignKey(l => l.OrderId).OnDelete(DeleteBehavior.Restrict);
        line.HasOne<Guide>().WithMany().HasForeignKey(l => l.GuideId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class GuideCommissionTotalsMapping : IEntityTypeConfiguration<GuideCommissionTotals>
{
    public void Configure(EntityTypeBuilder<GuideCommissionTotals> totals)
    {
        totals.HasKey(t => t.GuideId);
        totals.Property(t => t.GuideId).ValueGeneratedNever();
        totals.HasOne<Guide>().WithOne().HasForeignKey<GuideCommissionTotals>(t => t.GuideId).OnDelete(DeleteBehavior.Restrict);
    }
}

using MemberGraph.Members;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace MemberGraph.Orders;

internal sealed class OrderMapping : IEntityTypeConfiguration<Order>
{
    public void Configure(EntityTypeBuilder<Order> order)
    {
        order.Property(o => o.ChannelOrderId).HasMaxLength(64);
        order.Property(o => o.GuideCode).HasMaxLength(30);
        order.Property(o => o.ShareParameter).HasMaxLength(128);
        order.Property(o => o.ContentHash).HasMaxLength(64);
        order.Ignore(o => o.RefundableCents);

        // The ingestion idempotency key: a replay of the same channel order finds the first one.
        order.HasIndex(o => new { o.Channel, o.ChannelOrderId }).IsUnique();

        // Newest-first keyset paging per member, and rolling-window growth sums per member.
        order.HasIndex(o => new { o.MemberId, o.Id });
        order.HasIndex(o => new { o.MemberId, o.PaidAt });
        // A store's or a guide's orders of a period (KPIs: storeKpis, guideKpis, guideRanking); the prefix serves lookups by store or guide.
        // Both indexes also carry every column the KPIs read (buyer, status, amounts), so a pass over a year of a busy store's or
        // guide's orders never visits the order rows themselves.
        order.HasIndex(o => new { o.StoreId, o.PaidAt, o.MemberId, o.Status, o.PaidAmountCents, o.RefundedAmountCents })
            .HasDatabaseName("IX_Orders_StoreId_PaidAt_Covering");
        order.HasIndex(o => new { o.AttributedGuideId, o.PaidAt, o.MemberId, o.Status, o.PaidAmountCents, o.RefundedAmountCents })
            .HasDatabaseName("IX_Orders_AttributedGuideId_PaidAt_Covering");

        // Financial records are never deleted with a member (erasure anonymises the member instead).
        order.HasOne<Member>().WithMany().HasForeignKey(o => o.MemberId).OnDelete(DeleteBehavior.Restrict);
        order.HasMany(o => o.Lines).WithOne().HasForeignKey(l => l.OrderId);
        order.HasMany(o => o.Refunds).WithOne().HasForeignKey(r => r.OrderId);
    }
}

internal sealed class OrderLineMapping : IEntityTypeConfiguration<OrderLine>
{
    public void Configure(EntityTypeBuilder<OrderLine> line)
    {
        line.Property(l => l.Sku).HasMaxLength(64);
        line.Property(l => l.ProductName).HasMaxLength(100);
        line.Ignore(l => l.RefundableCents);
        line.HasIndex(l => new { l.OrderId, l.LineNumber }).IsUnique();
    }
}

internal sealed class OrderRefundMapping : IEntityTypeConfiguration<OrderRefund>
{
    public void Configure(EntityTypeBuilder<OrderRefund> refund)
    {
        refund.Property(r => r.RefundId).HasMaxLength(64);
        refund.Property(r => r.ContentHash).HasMaxLength(64);
        refund.Property(r => r.Reason).HasMaxLength(200);
        refund.HasIndex(r => new { r.OrderId, r.RefundId }).IsUnique();
        refund.HasMany(r => r.Lines).WithOne().HasForeignKey(l => l.RefundId);
    }
}

internal sealed class OrderRefundLineMapping : IEntityTypeConfiguration<OrderRefundLine>
{
    public void Configure(EntityTypeBuilder<OrderRefundLine> line) => line.HasIndex(l => l.RefundId);
}

using MemberGraph.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace MemberGraph.Coupons;

internal sealed class CouponTemplateMapping : IEntityTypeConfiguration<CouponTemplate>
{
    public void Configure(EntityTypeBuilder<CouponTemplate> template)
    {
        template.Property(t => t.Name).HasMaxLength(100);
        template.Property(t => t.Description).HasMaxLength(500);
        template.Property(t => t.GiftSku).HasMaxLength(64);
        template.Property(t => t.GiftDescription).HasMaxLength(200);

        // Small sets stored as JSON arrays (EF primitive collections): read with the template, checked in memory.
        template.PrimitiveCollection(t => t.UsableStoreIds);
        template.PrimitiveCollection(t => t.UsableChannels).ElementType().HasConversion<string>();

        template.Ignore(t => t.Remaining);
        template.HasIndex(t => new { t.Status, t.Kind });
        template.ToTable(t => t.HasCheckConstraint("CK_CouponTemplates_Stock", "\"Issued\" >= 0 AND \"Issued\" <= \"TotalStock\""));
    }
}

internal sealed class CouponMapping : IEntityTypeConfiguration<Coupon>
{
    public void Configure(EntityTypeBuilder<Coupon> coupon)
    {
        coupon.Property(c => c.Code).HasMaxLength(CouponCode.Length);
        coupon.Property(c => c.IdempotencyKey).HasMaxLength(120);
        coupon.Property(c => c.ReservedForOrderRef).HasMaxLength(100);
        coupon.Property(c => c.RedeemedOrderRef).HasMaxLength(100);

        coupon.HasIndex(c => c.Code).IsUnique();
        coupon.HasIndex(c => c.IdempotencyKey).IsUnique().HasFilter("\"IdempotencyKey\" IS NOT NULL");
        coupon.HasIndex(c => new { c.MemberId, c.Status });
        coupon.HasIndex(c => new { c.TemplateId, c.MemberId });
        coupon.HasIndex(c => new { c.Status, c.ValidUntil });
        coupon.HasOne<CouponTemplate>().WithMany().HasForeignKey(c => c.TemplateId);
        coupon.HasOne<Members.Member>().WithMany().HasForeignKey(c => c.MemberId);
        coupon.HasOne<Stores.Store>().WithMany().HasForeignKey(c => c.RedeemedStoreId);
    }
}

internal sealed class CouponHistoryEntryMapping : IEntityTypeConfiguration<CouponHistoryEntry>
{
    public void Configure(EntityTypeBuilder<CouponHistoryEntry> entry)
    {
        entry.ToTable("CouponHistory");
        entry.Property(e => e.OrderRef).HasMaxLength(100);
        entry.Property(e => e.At).HasConversion<UtcDateTimeConverter>();
        entry.HasIndex(e => new { e.CouponId, e.Id });
        entry.HasOne<Coupon>().WithMany().HasForeignKey(e => e.CouponId).OnDelete(DeleteBehavior.Restrict); // append-only: removing a coupon must not erase its history
        entry.HasOne<Stores.Store>().WithMany().HasForeignKey(e => e.StoreId);
    }
}

using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace MemberGraph.Stores;

internal sealed class StoreMapping : IEntityTypeConfiguration<Store>
{
    public void Configure(EntityTypeBuilder<Store> store)
    {
        store.Property(s => s.Code).HasMaxLength(32);
        store.HasIndex(s => s.Code).IsUnique();
        store.Property(s => s.Address).HasMaxLength(200);
        store.Property(s => s.Phone).HasMaxLength(32);
        store.Property(s => s.OpeningHours).HasMaxLength(100);
    }
}

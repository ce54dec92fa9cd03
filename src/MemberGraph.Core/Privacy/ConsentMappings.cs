using MemberGraph.Members;
using MemberGraph.Partners;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace MemberGraph.Privacy;

internal sealed class MarketingConsentMapping : IEntityTypeConfiguration<MarketingConsent>
{
    public void Configure(EntityTypeBuilder<MarketingConsent> consent)
    {
        consent.Property(c => c.TemplateId).HasMaxLength(128);

        // One row per member, purpose and template: two first acceptances at once add one row (the other counts on it).
        consent.HasIndex(c => new { c.MemberId, c.Purpose, c.TemplateId }).IsUnique();

        // The reminder job's question: who has an acceptance of this template left.
        consent.HasIndex(c => new { c.Purpose, c.TemplateId, c.MemberId });
        consent.HasOne<Member>().WithMany().HasForeignKey(c => c.MemberId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class ConsentLedgerEntryMapping : IEntityTypeConfiguration<ConsentLedgerEntry>
{
    public void Configure(EntityTypeBuilder<ConsentLedgerEntry> entry)
    {
        entry.ToTable("ConsentLedger");
        entry.Property(e => e.TemplateId).HasMaxLength(128);
        entry.HasIndex(e => new { e.MemberId, e.Id });
        entry.HasOne<Member>().WithMany().HasForeignKey(e => e.MemberId).OnDelete(DeleteBehavior.Restrict);
        entry.HasOne<Partner>().WithMany().HasForeignKey(e => e.PartnerId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class SubscribeMessageMapping : IEntityTypeConfiguration<SubscribeMessage>
{
    public void Configure(EntityTypeBuilder<SubscribeMessage> message)
    {
        message.Property(m => m.TemplateId).HasMaxLength(128);

        // At most one message per purpose and subject (a coupon is reminded once): where replays and parallel runs meet.
        message.HasIndex(m => new { m.Purpose, m.SubjectId }).IsUnique();
        message.HasIndex(m => new { m.MemberId, m.Id });
        message.HasOne<Member>().WithMany().HasForeignKey(m => m.MemberId).OnDelete(DeleteBehavior.Restrict);
    }
}

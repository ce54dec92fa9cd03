using MemberGraph.Members;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace MemberGraph.Partners;

internal sealed class PartnerMapping : IEntityTypeConfiguration<Partner>
{
    public void Configure(EntityTypeBuilder<Partner> partner)
    {
        partner.Property(p => p.Name).HasMaxLength(100);
        partner.Property(p => p.ClientId).HasMaxLength(64);
        partner.Property(p => p.SecretHash).HasMaxLength(32);
        partner.Property(p => p.Scopes).HasMaxLength(200);
        partner.HasIndex(p => p.ClientId).IsUnique();
        partner.HasIndex(p => p.Name).IsUnique();
    }
}

internal sealed class PartnerConsentMapping : IEntityTypeConfiguration<PartnerConsent>
{
    public void Configure(EntityTypeBuilder<PartnerConsent> consent)
    {
        // One live consent per member, partner and purpose: two grants at once add one row.
        consent.HasIndex(c => new { c.MemberId, c.PartnerId, c.Purpose }).IsUnique();
        consent.HasIndex(c => new { c.PartnerId, c.MemberId });
        consent.HasOne<Member>().WithMany().HasForeignKey(c => c.MemberId).OnDelete(DeleteBehavior.Restrict);
        consent.HasOne<Partner>().WithMany().HasForeignKey(c => c.PartnerId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class PartnerConsentLedgerEntryMapping : IEntityTypeConfiguration<PartnerConsentLedgerEntry>
{
    public void Configure(EntityTypeBuilder<PartnerConsentLedgerEntry> entry)
    {
        entry.ToTable("PartnerConsentLedger");
        entry.HasIndex(e => new { e.MemberId, e.Id });
        entry.HasOne<Member>().WithMany().HasForeignKey(e => e.MemberId).OnDelete(DeleteBehavior.Restrict);
        entry.HasOne<Partner>().WithMany().HasForeignKey(e => e.PartnerId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class PairwiseIdentityMapping : IEntityTypeConfiguration<PairwiseIdentity>
{
    public void Configure(EntityTypeBuilder<PairwiseIdentity> pairwise)
    {
        pairwise.Property(p => p.PairwiseId).HasMaxLength(PairwiseIdentity.Length);
        pairwise.HasIndex(p => new { p.MemberId, p.PartnerId }).IsUnique();
        pairwise.HasIndex(p => new { p.PartnerId, p.PairwiseId }).IsUnique();
        pairwise.HasOne<Member>().WithMany().HasForeignKey(p => p.MemberId).OnDelete(DeleteBehavior.Restrict);
        pairwise.HasOne<Partner>().WithMany().HasForeignKey(p => p.PartnerId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class PartnerTransactionMapping : IEntityTypeConfiguration<PartnerTransaction>
{
    public void Configure(EntityTypeBuilder<PartnerTransaction> transaction)
    {
        transaction.Property(t => t.TransactionId).HasMaxLength(PartnerTransaction.TransactionIdMaxLength);
        transaction.Property(t => t.PairwiseId).HasMaxLength(PairwiseIdentity.Length);
        transaction.Property(t => t.BenefitName).HasMaxLength(100);

        // A partner's transaction id counts once per kind: where parallel replays of a redemption or a credit meet.
        transaction.HasIndex(t => new { t.PartnerId, t.Kind, t.TransactionId }).IsUnique();
        transaction.HasIndex(t => new { t.PartnerId, t.BusinessDate, t.Id });
        transaction.HasIndex(t => t.MemberId);
        transaction.HasOne<Member>().WithMany().HasForeignKey(t => t.MemberId).OnDelete(DeleteBehavior.Restrict);
        transaction.HasOne<Partner>().WithMany().HasForeignKey(t => t.PartnerId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class PartnerDailyCreditMapping : IEntityTypeConfiguration<PartnerDailyCredit>
{
    public void Configure(EntityTypeBuilder<PartnerDailyCredit> credit)
    {
        // One counter per partner, day and member (0: all members); the first credit of the day creates it.
        credit.HasIndex(c => new { c.PartnerId, c.BusinessDate, c.MemberId }).IsUnique();
        credit.HasOne<Partner>().WithMany().HasForeignKey(c => c.PartnerId).OnDelete(DeleteBehavior.Restrict);
    }
}

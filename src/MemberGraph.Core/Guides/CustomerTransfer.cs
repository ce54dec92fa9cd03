using System.ComponentModel;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace MemberGraph.Guides;

/// <summary>
/// One customer handed from one guide to another (在职继承 while the guide is employed, 离职继承 after they left).
/// WeCom completes a takeover after 24 h, so the transfer stays <see cref="CustomerTransferStatus.Pending"/> until
/// then; completing it ends the old relationship (reason "transferred") and opens one with the new guide.
/// </summary>
public sealed class CustomerTransfer
{
    public long Id { get; set; }
    public long MemberId { get; set; }
    public long FromGuideId { get; set; }
    public long ToGuideId { get; set; }
    public CustomerTransferKind Kind { get; set; }
    public CustomerTransferStatus Status { get; set; }

    /// <summary>The customer's WeCom external user id; null when the customer is not a WeCom contact (nothing to ask WeCom).</summary>
    public string? ExternalUserId { get; set; }

    public string Reason { get; set; } = "";
    public string RequestedBy { get; set; } = "";
    public DateTime RequestedAt { get; set; }

    /// <summary>When WeCom takes the customer over (24 h after the request).</summary>
    public DateTime DueAt { get; set; }

    public DateTime? CompletedAt { get; set; }
    public DateTime? FailedAt { get; set; }
    public string? FailReason { get; set; }

    /// <summary>The relationship opened with the new guide on completion.</summary>
    public long? NewRelationshipId { get; set; }

    public void Fail(string reason, DateTime now)
    {
        Status = CustomerTransferStatus.Failed;
        FailedAt = now;
        FailReason = reason.Length > 200 ? reason[..200] : reason;
    }
}

public enum CustomerTransferKind
{
    [Description("在职继承: the guide is still employed (externalcontact/transfer_customer).")]
    OnJob = 1,

    [Description("离职继承: the guide has resigned (externalcontact/resigned/transfer_customer).")]
    Resigned = 2,
}

public enum CustomerTransferStatus
{
    [Description("Requested; WeCom takes the customer over after 24 h.")]
    Pending = 1,

    [Description("The new guide took the customer over.")]
    Completed = 2,

    [Description("WeCom refused or the customer declined; the old relationship stays.")]
    Failed = 3,
}

internal sealed class CustomerTransferMapping : IEntityTypeConfiguration<CustomerTransfer>
{
    public void Configure(EntityTypeBuilder<CustomerTransfer> transfer)
    {
        transfer.Property(t => t.ExternalUserId).HasMaxLength(128);
        transfer.Property(t => t.Reason).HasMaxLength(200);
        transfer.Property(t => t.RequestedBy).HasMaxLength(100);
        transfer.Property(t => t.FailReason).HasMaxLength(200);
        transfer.HasIndex(t => new { t.MemberId, t.RequestedAt });
        transfer.HasIndex(t => new { t.Status, t.DueAt });
        transfer.HasIndex(t => t.FromGuideId);
        transfer.HasIndex(t => t.ToGuideId);

        // One pending transfer per customer: concurrent requests for the same customer cannot both start one.
        transfer.HasIndex(t => t.MemberId)
            .HasDatabaseName("IX_CustomerTransfers_OnePending")
            .IsUnique()
            .HasFilter("\"Status\" = 'Pending'");
        transfer.HasOne<Guide>().WithMany().HasForeignKey(t => t.FromGuideId).OnDelete(DeleteBehavior.Restrict);
        transfer.HasOne<Guide>().WithMany().HasForeignKey(t => t.ToGuideId).OnDelete(DeleteBehavior.Restrict);
        transfer.HasOne<Members.Member>().WithMany().HasForeignKey(t => t.MemberId);
    }
}

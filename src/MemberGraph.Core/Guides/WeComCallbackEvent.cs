using MemberGraph.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace MemberGraph.Guides;

/// <summary>
/// A WeCom customer-contact event that was processed, keyed by <see cref="Key"/> (a hash of CreateTime, ChangeType,
/// UserID and ExternalUserID) so that a redelivered event is recognised and changes nothing the second time.
/// </summary>
public sealed class WeComCallbackEvent
{
    public long Id { get; set; }
    public string Key { get; set; } = "";
    public string ChangeType { get; set; } = "";
    public string UserId { get; set; } = "";
    public string ExternalUserId { get; set; } = "";
    public string? State { get; set; }
    public DateTime ReceivedAt { get; set; }

    /// <summary>What processing did, for people reading the table ("bound exclusive", "guide unknown", ...).</summary>
    public string Outcome { get; set; } = "";
}

internal sealed class WeComCallbackEventMapping : IEntityTypeConfiguration<WeComCallbackEvent>
{
    public void Configure(EntityTypeBuilder<WeComCallbackEvent> callbackEvent)
    {
        callbackEvent.Property(e => e.Key).HasMaxLength(64);
        callbackEvent.Property(e => e.ChangeType).HasMaxLength(40);
        callbackEvent.Property(e => e.UserId).HasMaxLength(64);
        callbackEvent.Property(e => e.ExternalUserId).HasMaxLength(128);
        callbackEvent.Property(e => e.State).HasMaxLength(64);
        callbackEvent.HasIndex(e => e.Key).IsUnique();
        callbackEvent.HasIndex(e => e.ReceivedAt);
    }
}

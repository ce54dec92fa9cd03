using System.ComponentModel;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace MemberGraph.Privacy.Erasure;

/// <summary>
/// A member's request to be erased (注销): pending through the cooling-off period (<see cref="DueAt"/>), during which the
/// member (or an admin for them) may cancel it; then the <c>privacy-erasure</c> job anonymises the member and completes it.
/// At most one pending request per member. Requests stay as the record that the erasure was asked for and done.
/// </summary>
public sealed class ErasureRequest
{
    public long Id { get; set; }

    /// <summary>The member the request was made for (a later merge is followed when the job erases).</summary>
    public long MemberId { get; set; }

    public ErasureStatus Status { get; set; } = ErasureStatus.Pending;
    public DateTime RequestedAt { get; set; }

    /// <summary>The subject of the token that asked (the member, or the admin acting on the member's behalf).</summary>
    public string RequestedBy { get; set; } = "";

    public ErasureRequester RequestedByRole { get; set; }

    /// <summary>The end of the cooling-off period: from then on the job erases and the request can no longer be cancelled.</summary>
    public DateTime DueAt { get; set; }

    public DateTime? CancelledAt { get; set; }
    public string? CancelledBy { get; set; }
    public DateTime? CompletedAt { get; set; }
}

public enum ErasureStatus
{
    [Description("Asked for; in the cooling-off period until dueAt, cancellable until then.")]
    Pending = 0,

    [Description("Cancelled within the cooling-off period: nothing was erased.")]
    Cancelled = 1,

    [Description("Done: the member was anonymised.")]
    Completed = 2,
}

public enum ErasureRequester
{
    [Description("The member, for themselves.")]
    Member = 0,

    [Description("An admin, on the member's behalf.")]
    Admin = 1,
}

internal sealed class ErasureRequestMapping : IEntityTypeConfiguration<ErasureRequest>
{
    public void Configure(EntityTypeBuilder<ErasureRequest> request)
    {
        request.Property(r => r.RequestedBy).HasMaxLength(100);
        request.Property(r => r.CancelledBy).HasMaxLength(100);

        // One pending request per member: parallel requests meet here and the loser answers the winner's.
        request.HasIndex(r => r.MemberId).IsUnique().HasFilter("\"Status\" = 'Pending'").HasDatabaseName("IX_ErasureRequests_MemberId_Pending");
        request.HasIndex(r => new { r.Status, r.DueAt });
    }
}

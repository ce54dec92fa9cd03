using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace MemberGraph.Privacy.Export;

/// <summary>
/// One machine-readable copy of a member's personal information (<c>exportMyData</c>), built from the database and kept
/// for the member to download through short-lived signed links. At most one per member and business day (China time):
/// the unique (member, day) index is where parallel requests meet. Building a new one deletes the member's earlier
/// copies, erasure deletes them all, and a copy is kept <see cref="DataExportOptions.KeptFor"/> at most.
/// </summary>
public sealed class DataExport
{
    public long Id { get; set; }
    public long MemberId { get; set; }

    /// <summary>The business day (China time) it was built on: the once-a-day rule counts these.</summary>
    public DateOnly BusinessDay { get; set; }

    public DateTime CreatedAt { get; set; }

    /// <summary>After this the file is gone for every link (a retention job may delete the row).</summary>
    public DateTime KeptUntil { get; set; }

    /// <summary>The JSON document (UTF-8 text), as downloaded.</summary>
    public string Content { get; set; } = "";
}

internal sealed class DataExportMapping : IEntityTypeConfiguration<DataExport>
{
    public void Configure(EntityTypeBuilder<DataExport> export)
    {
        export.Property(e => e.Content).HasMaxLength(int.MaxValue);
        export.HasIndex(e => new { e.MemberId, e.BusinessDay }).IsUnique();
        export.HasIndex(e => e.KeptUntil);
    }
}

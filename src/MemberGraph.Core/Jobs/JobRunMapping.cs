using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace MemberGraph.Jobs;

internal sealed class JobRunMapping : IEntityTypeConfiguration<JobRun>
{
    public void Configure(EntityTypeBuilder<JobRun> run)
    {
        run.Property(r => r.Job).HasMaxLength(64);
        run.Property(r => r.Error).HasMaxLength(2000);
        run.Property(r => r.Summary).HasMaxLength(4000);
        run.HasIndex(r => new { r.Job, r.StartedAt });
        run.HasIndex(r => new { r.Job, r.Status });
    }
}

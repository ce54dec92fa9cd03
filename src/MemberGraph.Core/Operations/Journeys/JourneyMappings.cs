using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace MemberGraph.Operations.Journeys;

internal sealed class JourneyMapping : IEntityTypeConfiguration<Journey>
{
    public void Configure(EntityTypeBuilder<Journey> journey)
    {
        journey.Property(j => j.Name).HasMaxLength(100);
        journey.Property(j => j.ConditionExpression).HasMaxLength(Segments.SegmentExpressionParser.MaxLength);
        journey.Property(j => j.Owner).HasMaxLength(100);
        journey.HasIndex(j => j.Name).IsUnique();
        journey.HasIndex(j => new { j.TriggerKind, j.Status });
        journey.OwnsMany(j => j.Actions, actions =>
        {
            actions.ToJson();
            actions.Property(a => a.DataJson).HasMaxLength(2000);
            actions.Property(a => a.Script).HasMaxLength(500);
        });
    }
}

internal sealed class JourneyEnrolmentMapping : IEntityTypeConfiguration<JourneyEnrolment>
{
    public void Configure(EntityTypeBuilder<JourneyEnrolment> enrolment)
    {
        enrolment.Property(e => e.Occurrence).HasMaxLength(100);
        enrolment.Property(e => e.SkipReason).HasMaxLength(40);
        enrolment.Property(e => e.Outcome).HasMaxLength(500);
        enrolment.HasOne<Journey>().WithMany().HasForeignKey(e => e.JourneyId);

        // replays of one trigger occurrence never enrol twice
        enrolment.HasIndex(e => new { e.JourneyId, e.MemberId, e.Occurrence }).IsUnique();

        // the advance job's scan (due, waiting) and the frequency cap (a member's recent actions)
        enrolment.HasIndex(e => new { e.Status, e.DueAt });
        enrolment.HasIndex(e => new { e.MemberId, e.ActedAt });
        enrolment.HasIndex(e => new { e.JourneyId, e.Status });
    }
}

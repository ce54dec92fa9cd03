namespace MemberGraph.Operations.Journeys;

/// <summary>
/// One member's progress through one journey for one trigger occurrence ("order:123", "tier:3:2026-12-01", ...):
/// written WAITING by the trigger inside the triggering transaction, moved on by the <c>journey-advance</c> job. Unique
/// per (journey, member, occurrence), so a replayed trigger never enrols twice.
/// </summary>
public sealed class JourneyEnrolment
{
    public long Id { get; set; }
    public long JourneyId { get; set; }
    public long MemberId { get; set; }
    public string Occurrence { get; set; } = "";
    public JourneyEnrolmentStatus Status { get; set; }

    /// <summary>Why nothing was done (SKIPPED): CONDITION_NOT_MET, FREQUENCY_CAP, NO_CONSENT, OUT_OF_STOCK, ...</summary>
    public string? SkipReason { get; set; }

    public DateTime EnrolledAt { get; set; }

    /// <summary>When the wait is over.</summary>
    public DateTime DueAt { get; set; }

    public DateTime? ActedAt { get; set; }

    /// <summary>What each action did, in order, e.g. <c>ISSUE_COUPON: coupon 42; SUBSCRIBE_MESSAGE: NO_CONSENT</c>.</summary>
    public string? Outcome { get; set; }

    /// <summary>The coupon the journey issued, if it issued one.</summary>
    public long? CouponId { get; set; }

    /// <summary>Advance attempts that failed with an error (rolled back); the third makes the enrolment FAILED.</summary>
    public int FailedAttempts { get; set; }

    /// <summary>An order paid after <see cref="ActedAt"/> and up to this time is a conversion.</summary>
    public DateTime? ConvertBy { get; set; }
}

public enum JourneyEnrolmentStatus
{
    Waiting = 0,
    Acted = 1,
    Skipped = 2,
    Failed = 3,
}

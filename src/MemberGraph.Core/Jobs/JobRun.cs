namespace MemberGraph.Jobs;

/// <summary>One run of a background job, updated as its batches complete so operators can watch progress.</summary>
public sealed class JobRun
{
    public long Id { get; set; }
    public string Job { get; set; } = "";
    public JobRunStatus Status { get; set; }

    /// <summary>"schedule" or the subject who asked for the run.</summary>
    public string TriggeredBy { get; set; } = "";

    public DateTime StartedAt { get; set; }
    public DateTime? FinishedAt { get; set; }
    public long Processed { get; set; }
    public long? Total { get; set; }
    public string? Error { get; set; }

    /// <summary>Free-form figures of the run (JSON), e.g. tags assigned and removed.</summary>
    public string? Summary { get; set; }
}

public enum JobRunStatus
{
    Running = 0,
    Succeeded = 1,
    Failed = 2,
}

namespace MemberGraph.Jobs;

/// <summary>The <c>Jobs:*</c> section.</summary>
public sealed class JobsOptions
{
    public const string Section = "Jobs";

    /// <summary>Run the Quartz scheduler in this instance. Tests switch it off and run jobs on demand.</summary>
    public bool Scheduler { get; set; } = true;

    /// <summary>Use Quartz's clustered AdoJobStore on the gateway's SQL Server or PostgreSQL database so each trigger fires once across instances.</summary>
    public bool Clustered { get; set; }

    /// <summary>Overrides of job schedules by job name (Quartz cron, China Standard Time).</summary>
    public Dictionary<string, string> Schedules { get; set; } = [];
}

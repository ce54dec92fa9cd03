using GraphQL.Types;

namespace MemberGraph.Jobs;

public sealed class JobRunType : ObjectGraphType<JobRun>
{
    public JobRunType()
    {
        Name = "JobRun";
        Description = "One run of a background job, with progress updated as batches complete.";
        Field<NonNullGraphType<IdGraphType>>("id").Description("Global, opaque id.").Resolve(ctx => GraphQL.GlobalId.Encode("JobRun", ctx.Source.Id));
        Field(r => r.Job).Description("The job's name (see runJob).");
        Field<NonNullGraphType<JobRunStatusType>>("status").Description("Running, succeeded or failed.").Resolve(ctx => ctx.Source.Status);
        Field(r => r.TriggeredBy).Description("'schedule', or who asked for the run.");
        Field(r => r.StartedAt).Description("When the run started (UTC).");
        Field(r => r.FinishedAt, nullable: true).Description("When it finished; null while running.");
        Field(r => r.Processed).Description("Items processed so far.");
        Field(r => r.Total, nullable: true).Description("Items to process, when known.");
        Field(r => r.Error, nullable: true).Description("Why it failed.");
        Field(r => r.Summary, nullable: true).Description("Figures of the run (JSON).");
    }
}

public sealed class JobRunStatusType : EnumerationGraphType<JobRunStatus>
{
    public JobRunStatusType()
    {
        Name = "JobRunStatus";
        Description = "State of a job run.";
    }
}

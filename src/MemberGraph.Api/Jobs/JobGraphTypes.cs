using GraphQL.Types;
using MemberGraph.Domain;

namespace MemberGraph.Jobs;

public sealed class JobRunType : ObjectGraphType<JobRun>
{
    public JobRunType()
    {
        Name = "JobRun";
        Description = "One run of a background job, with progress updated as batches complete.";
        Field<NonNullGraphType<IdGraphType>>("id").Description("Global, opaque id.").Resolve(ctx => GlobalId.Encode("JobRun", ctx.Source.Id));
        Field(r => r.Job).Description("The job's name (see runJob).");
        Field<NonNullGraphType<JobRunStatusType>>("status").Description("Running, succeeded or failed.").Resolve(ctx => ctx.Source.Status);
        Field(r => r.TriggeredBy).Description("'schedule', or who asked for the run.");
        Field(r => r.StartedAt).Description("When the run started (UTC).");
        Field(r => r.FinishedAt, nullable: true).Description("When it finished; null while running.");
        Field(r => r.Processed).Description("Items processed so far.");
        Field(r => r.Total, nullable: true).Description("Items to process, when known.");
        Field(r => r.Error, nullable: true).Description("Why it failed.");
        Field(r => r.Summary, nullable: true).Description("Figures of the run (JSON).");
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<JobRunFigureType>>>>("figures")
            .Description("The whole numbers of the summary as typed figures (e.g. purged, members, assigned), in the order the job wrote them.")
            .Resolve(ctx => JobRunFigures.Of(ctx.Source.Summary));
    }
}

public sealed class JobRunFigureType : ObjectGraphType<JobRunFigure>
{
    public JobRunFigureType()
    {
        Name = "JobRunFigure";
        Description = "One figure of a job run's summary.";
        Field(f => f.Name).Description("What the job counted (its key in the summary).");
        Field<NonNullGraphType<LongGraphType>>("value").Description("The count.").Resolve(ctx => ctx.Source.Value);
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

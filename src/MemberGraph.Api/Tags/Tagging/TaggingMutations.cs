using GraphQL;
using GraphQL.Types;
using MemberGraph.Auth;
using MemberGraph.Domain;
using MemberGraph.GraphQL;
using MemberGraph.GraphQL.Authorization;
using MemberGraph.Jobs;

namespace MemberGraph.Tags.Tagging;

public sealed record RunTaggingInput(TaggingMode Mode, bool Wait);

public sealed record RunTaggingPayload(JobRun? JobRun, IReadOnlyList<UserError> Errors) : IPayload;

/// <summary><c>runTagging</c>: the tagging jobs on demand, through the same runner as the schedule (one JobRun each).</summary>
public sealed class TaggingMutations(JobLauncher launcher) : IMutationFields
{
    public void AddTo(MutationType mutation)
    {
        mutation.Field<NonNullGraphType<RunTaggingPayloadType>>("runTagging")
            .Description("Runs tagging now: FULL re-evaluates every member, INCREMENTAL the members touched since the last successful run (operators). Watch it in jobRuns.")
            .Argument<NonNullGraphType<RunTaggingInputType>>("input")
            .Authorize(Roles.Admin)
            .ResolveAsync(async ctx =>
            {
                var input = ctx.GetArgument<RunTaggingInput>("input");
                var job = input.Mode == TaggingMode.Full ? FullTaggingJob.JobName : IncrementalTaggingJob.JobName;
                var launched = await launcher.LaunchAsync(job, ctx.Caller().Subject, input.Wait, ctx.CancellationToken);
                return new RunTaggingPayload(launched.Value, launched.Error is null ? [] : [launched.Error]);
            });
    }
}

public sealed class TaggingModeType : EnumerationGraphType<TaggingMode>
{
    public TaggingModeType()
    {
        Name = "TaggingMode";
        Description = "How much a tagging run re-evaluates.";
    }
}

public sealed class RunTaggingInputType : InputObjectGraphType<RunTaggingInput>
{
    public RunTaggingInputType()
    {
        Name = "RunTaggingInput";
        Description = "Which tagging run to start.";
        Field<NonNullGraphType<TaggingModeType>>("mode").Description("FULL (every member) or INCREMENTAL (members touched since the last successful run).");
        Field(i => i.Wait, nullable: true).DefaultValue(false).Description("Answer only when the run has finished (default: answer at once with the running run).");
    }
}

public sealed class RunTaggingPayloadType : PayloadGraphType<RunTaggingPayload>
{
    public RunTaggingPayloadType()
    {
        Name = "RunTaggingPayload";
        Description = "The started (or, with wait, finished) tagging run.";
        Field<JobRunType>("jobRun").Description("The run; its summary holds the figures (members, assigned, removed).").Resolve(ctx => ctx.Source.JobRun);
    }
}

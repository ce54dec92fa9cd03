using GraphQL;
using GraphQL.Types;
using MemberGraph.Auth;
using MemberGraph.Domain;
using MemberGraph.GraphQL;
using MemberGraph.GraphQL.Authorization;

namespace MemberGraph.Jobs;

public sealed record RunJobInput(string Job, bool Wait);

public sealed record RunJobPayload(JobRun? JobRun, IReadOnlyList<UserError> Errors) : IPayload
{
    public static RunJobPayload From(Outcome<JobRun> outcome) => new(outcome.Value, outcome.Error is null ? [] : [outcome.Error]);
}

public sealed class RunJobInputType : InputObjectGraphType<RunJobInput>
{
    public RunJobInputType()
    {
        Name = "RunJobInput";
        Description = "Which job to run now.";
        Field(i => i.Job).Description("The job's name, e.g. points-expiry.");
        Field(i => i.Wait, nullable: true).DefaultValue(false).Description("Answer only when the run has finished (default: answer at once with the running run).");
    }
}

public sealed class RunJobPayloadType : PayloadGraphType<RunJobPayload>
{
    public RunJobPayloadType()
    {
        Name = "RunJobPayload";
        Description = "The started (or, with wait, finished) run.";
        Field<JobRunType>("jobRun").Description("The run.").Resolve(ctx => ctx.Source.JobRun);
    }
}

public sealed class JobMutations(JobLauncher launcher) : IMutationFields
{
    public void AddTo(MutationType mutation)
    {
        mutation.Field<NonNullGraphType<RunJobPayloadType>>("runJob")
            .Description("Runs a background job now, on this instance, recorded as a JobRun (operators).")
            .Argument<NonNullGraphType<RunJobInputType>>("input")
            .Authorize(Roles.Admin)
            .ResolveAsync(async ctx =>
            {
                var input = ctx.GetArgument<RunJobInput>("input");
                return RunJobPayload.From(await launcher.LaunchAsync(input.Job, ctx.Caller().Subject, input.Wait, ctx.CancellationToken));
            });
    }
}

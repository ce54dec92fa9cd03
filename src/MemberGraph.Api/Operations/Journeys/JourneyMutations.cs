using GraphQL;
using GraphQL.Types;
using MemberGraph.Auth;
using MemberGraph.Domain;
using MemberGraph.GraphQL;
using MemberGraph.GraphQL.Authorization;

namespace MemberGraph.Operations.Journeys;

public sealed record JourneyPayload(Journey? Journey, IReadOnlyList<UserError> Errors) : IPayload
{
    public static JourneyPayload From(Outcome<Journey> outcome) => new(outcome.Value, outcome.Error is null ? [] : [outcome.Error]);
}

public sealed class JourneyPayloadType : PayloadGraphType<JourneyPayload>
{
    public JourneyPayloadType()
    {
        Name = "JourneyPayload";
        Description = "The journey defined or changed.";
        Field<JourneyType>("journey").Description("The journey.").Resolve(ctx => ctx.Source.Journey);
    }
}

public sealed class JourneyMutations(JourneyService journeys) : IMutationFields
{
    public void AddTo(MutationType mutation)
    {
        mutation.Field<NonNullGraphType<JourneyPayloadType>>("defineJourney")
            .Description("Defines a journey as a DRAFT (admins). Refusals: WAIT_OUT_OF_RANGE, SEGMENT_UNKNOWN, SEGMENT_EXPRESSION_INVALID, " +
                         "COUPON_TEMPLATE_UNKNOWN, SUBSCRIBE_TEMPLATE_UNKNOWN, ACTION_NOT_AVAILABLE (an action kind journeys do not know), JOURNEY_NAME_TAKEN, INVALID_INPUT.")
            .Argument<NonNullGraphType<DefineJourneyInputType>>("input")
            .Authorize(Roles.Admin)
            .ResolveAsync(async ctx => JourneyPayload.From(
                await journeys.DefineAsync(ctx.GetArgument<DefineJourneyInput>("input").ToDefinition(), ctx.Caller(), ctx.CancellationToken)));

        mutation.Field<NonNullGraphType<JourneyPayloadType>>("activateJourney")
            .Description("Starts (or resumes) a journey: it enrols on its trigger from now on and its waiting enrolments move again (admins). " +
                         "ENTERED_SEGMENT: the members in the segment now are a baseline, not entries; only who enters after it is enrolled.")
            .Argument<NonNullGraphType<JourneyIdInputType>>("input")
            .Authorize(Roles.Admin)
            .ResolveAsync(async ctx => JourneyPayload.From(await journeys.ActivateAsync(IdOf(ctx), ctx.Caller(), ctx.CancellationToken)));

        mutation.Field<NonNullGraphType<JourneyPayloadType>>("pauseJourney")
            .Description("Pauses a journey: nobody new enrols and its waiting enrolments stay waiting until it is activated again (admins).")
            .Argument<NonNullGraphType<JourneyIdInputType>>("input")
            .Authorize(Roles.Admin)
            .ResolveAsync(async ctx => JourneyPayload.From(await journeys.PauseAsync(IdOf(ctx), ctx.Caller(), ctx.CancellationToken)));
    }

    private static long IdOf(IResolveFieldContext context) => DefineJourneyInput.Key(context.GetArgument<JourneyIdInput>("input").Id, "Journey") ?? 0;
}

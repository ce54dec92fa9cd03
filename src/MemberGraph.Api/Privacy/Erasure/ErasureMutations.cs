using GraphQL;
using GraphQL.Types;
using MemberGraph.Auth;
using MemberGraph.GraphQL;
using MemberGraph.GraphQL.Authorization;

namespace MemberGraph.Privacy.Erasure;

/// <summary><c>requestErasure</c> and <c>cancelErasure</c>: the member for themselves, an admin on the member's behalf.</summary>
public sealed class ErasureMutations : IMutationFields
{
    public void AddTo(MutationType mutation)
    {
        mutation.Field<NonNullGraphType<RequestErasurePayloadType>>("requestErasure")
            .Description("Asks for the member's erasure (注销, PIPL). Opens the cooling-off period (Privacy:ErasureCoolingOffDays, 7 days) " +
                         "until dueAt, within which cancelErasure undoes it; then the privacy-erasure job anonymises the member. Sharing " +
                         "with partners stops at once (every partner consent is revoked, channel ERASURE, and stays revoked if the " +
                         "request is cancelled). Asking again while one is pending answers that one. Audited. Errors: NOT_FOUND " +
                         "(no such member), INVALID_INPUT (an admin without memberId).")
            .Argument<RequestErasureInputType>("input", "Whose erasure; a member may leave it out.")
            .Authorize(Roles.Member, Roles.Admin)
            .ResolveAsync(async ctx => ErasurePayload.From(await ctx.Service<ErasureService>().RequestAsync(
                ctx.Caller(), ctx.GetArgument<ErasureInput?>("input")?.MemberId, ctx.CancellationToken)));

        mutation.Field<NonNullGraphType<CancelErasurePayloadType>>("cancelErasure")
            .Description("Cancels the member's pending erasure within the cooling-off period. Audited. Errors: NOT_FOUND (nothing " +
                         "pending), COOLING_OFF_ENDED (dueAt has passed), INVALID_INPUT (an admin without memberId).")
            .Argument<CancelErasureInputType>("input", "Whose erasure; a member may leave it out.")
            .Authorize(Roles.Member, Roles.Admin)
            .ResolveAsync(async ctx => ErasurePayload.From(await ctx.Service<ErasureService>().CancelAsync(
                ctx.Caller(), ctx.GetArgument<ErasureInput?>("input")?.MemberId, ctx.CancellationToken)));
    }
}

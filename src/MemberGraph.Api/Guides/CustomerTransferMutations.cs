using GraphQL;
using GraphQL.Types;
using MemberGraph.Auth;
using MemberGraph.Domain;
using MemberGraph.GraphQL;
using MemberGraph.GraphQL.Authorization;

namespace MemberGraph.Guides;

public sealed class CustomerTransferMutations : IMutationFields
{
    public void AddTo(MutationType mutation)
    {
        mutation.Field<NonNullGraphType<TransferCustomersPayloadType>>("transferCustomers")
            .Description("Hands customers from one guide to another (在职继承 / 离职继承). Each stays pending until WeCom takes over (24 h); " +
                "at most twice per customer in 90 days (TRANSFER_LIMIT_REACHED). Admins, and staff of the guides' store.")
            .Argument<NonNullGraphType<TransferCustomersInputType>>("input", "From whom, to whom, which customers, why.")
            .Authorize(Roles.Admin, Roles.Staff)
            .ResolveAsync(async ctx =>
            {
                var input = ctx.GetArgument<TransferCustomersInput>("input");
                var fromGuideId = GlobalId.TryDecode(input.FromGuideId, "Guide");
                var toGuideId = GlobalId.TryDecode(input.ToGuideId, "Guide");
                if (fromGuideId is null || toGuideId is null)
                {
                    return Refused(new UserError(UserErrorCode.InvalidInput, "fromGuideId and toGuideId must be guide ids.", fromGuideId is null ? "fromGuideId" : "toGuideId"));
                }

                if (string.IsNullOrWhiteSpace(input.Reason))
                {
                    return Refused(new UserError(UserErrorCode.InvalidInput, "Say why the customers are transferred.", "reason"));
                }

                List<long>? memberIds = null;
                if (input.MemberIds is { } ids)
                {
                    if (ids.Count > TransferCustomersInputType.MaxMemberIds)
                    {
                        return Refused(new UserError(UserErrorCode.InvalidInput, $"At most {TransferCustomersInputType.MaxMemberIds} members per request; leave memberIds out to transfer all customers.", "memberIds"));
                    }

                    memberIds = [];
                    foreach (var id in ids)
                    {
                        if (GlobalId.TryDecode(id, "Member") is not { } memberId)
                        {
                            return Refused(new UserError(UserErrorCode.InvalidInput, $"'{id}' is not a member id.", "memberIds"));
                        }

                        memberIds.Add(memberId);
                    }
                }

                var outcome = await ctx.Service<CustomerTransferService>().TransferAsync(ctx.Caller(),
                    new TransferCustomersRequest(fromGuideId.Value, toGuideId.Value, memberIds, input.Reason.Trim()), ctx.CancellationToken);
                return outcome.Value is { } result
                    ? new TransferCustomersPayload(null, result.Transfers, result.Refusals, [])
                    : Refused(outcome.Error!);
            });

        mutation.Field<NonNullGraphType<MarkGuideResignedPayloadType>>("markGuideResigned")
            .Description("Marks a guide as resigned and offers their customers round-robin to the store's other active guides (resigned transfers, pending WeCom's takeover).")
            .Argument<NonNullGraphType<MarkGuideResignedInputType>>("input", "The guide who left.")
            .Authorize(Roles.Admin, Roles.Staff)
            .ResolveAsync(async ctx =>
            {
                if (GlobalId.TryDecode(ctx.GetArgument<GuideIdInput>("input").GuideId, "Guide") is not { } guideId)
                {
                    return Refused(new UserError(UserErrorCode.InvalidInput, "guideId is not a guide id.", "guideId"));
                }

                var outcome = await ctx.Service<GuideResignationService>().ResignAsync(ctx.Caller(), guideId, ctx.CancellationToken);
                return outcome.Value is { } resignation
                    ? new TransferCustomersPayload(resignation.Guide, resignation.Transfers, resignation.Refusals, [])
                    : Refused(outcome.Error!);
            });

        mutation.Field<NonNullGraphType<CompleteDueTransfersPayloadType>>("completeDueTransfers")
            .Description("Completes the transfers whose 24 h are over, as WeCom's transfer_result reports them (normally a scheduled job). Admins.")
            .Argument<CompleteDueTransfersInputType>("input", "Options of the run.")
            .Authorize(Roles.Admin)
            .ResolveAsync(async ctx =>
            {
                var input = ctx.GetArgument<CompleteDueTransfersInput?>("input");
                var clock = ctx.Service<TimeProvider>();
                var report = await ctx.Service<CustomerTransferCompletion>().CompleteDueTransfersAsync(clock.GetUtcNow().UtcDateTime, ctx.Caller(), ctx.CancellationToken,
                    input?.Limit ?? CustomerTransferCompletion.MaxPerRun);
                return new CompleteDueTransfersPayload(report, []);
            });
    }

    private static TransferCustomersPayload Refused(UserError error) => new(null, [], [], [error]);
}

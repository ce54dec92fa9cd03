using GraphQL;
using GraphQL.Types;
using MemberGraph.Auth;
using MemberGraph.Domain;
using MemberGraph.GraphQL;
using MemberGraph.GraphQL.Authorization;

namespace MemberGraph.Members;

/// <summary>Operator tools for OneID: merge members found to be one person, undo a wrong merge.</summary>
public sealed class MemberMergeMutations : IMutationFields
{
    public const int MaxMembers = 100;

    public void AddTo(MutationType mutation)
    {
        mutation.Field<NonNullGraphType<MergeMembersPayloadType>>("mergeMembers")
            .Description("Admin: merges members into one (the chosen survivor, else the oldest). Already merged members are followed to their survivor; merging members that are already one changes nothing.")
            .Argument<NonNullGraphType<MergeMembersInputType>>("input")
            .Authorize(Roles.Admin)
            .ResolveAsync(async ctx =>
            {
                var input = ctx.GetArgument<MergeMembersInput>("input");
                if (Refusal(input) is { } refusal)
                {
                    return new MergeMembersPayload(null, [], [refusal]);
                }

                var ids = input.MemberIds.Select(id => GlobalId.TryDecode(id, "Member")!.Value).ToList();
                var survivor = GlobalId.TryDecode(input.SurvivorId, "Member");
                var outcome = await ctx.Service<OneIdService>().MergeAsync(ids, survivor, input.Reason.Trim(), ctx.Caller(), ctx.CancellationToken);
                return outcome.Value is { } resolution
                    ? new MergeMembersPayload(resolution.Member, resolution.Merges, [])
                    : new MergeMembersPayload(null, [], [outcome.Error!]);
            });

        mutation.Field<NonNullGraphType<UnmergeMemberPayloadType>>("unmergeMember")
            .Description("Admin: undoes a wrong merge from its record: exactly the rows that moved go back and the merged member is active again.")
            .Argument<NonNullGraphType<UnmergeMemberInputType>>("input")
            .Authorize(Roles.Admin)
            .ResolveAsync(async ctx =>
            {
                var input = ctx.GetArgument<UnmergeMemberInput>("input");
                if (GlobalId.TryDecode(input.MergeId, "MemberMerge") is not { } mergeId)
                {
                    return new UnmergeMemberPayload(null, [new UserError(UserErrorCode.MergeNotFound, "This is not the id of a merge.", "mergeId")]);
                }

                var outcome = await ctx.Service<MemberMerger>().UnmergeAsync(mergeId, ctx.Caller(), ctx.CancellationToken);
                return new UnmergeMemberPayload(outcome.Value, outcome.Error is { } error ? [error] : []);
            });
    }

    private static UserError? Refusal(MergeMembersInput input)
    {
        if (input.MemberIds.Count is 0 or > MaxMembers)
        {
            return new UserError(UserErrorCode.InvalidInput, $"Name between 1 and {MaxMembers} members.", "memberIds");
        }

        if (input.MemberIds.FirstOrDefault(id => GlobalId.TryDecode(id, "Member") is null) is { } bad)
        {
            return new UserError(UserErrorCode.InvalidInput, $"'{bad}' is not a member id.", "memberIds");
        }

        if (input.SurvivorId is not null && GlobalId.TryDecode(input.SurvivorId, "Member") is null)
        {
            return new UserError(UserErrorCode.InvalidInput, $"'{input.SurvivorId}' is not a member id.", "survivorId");
        }

        if (string.IsNullOrWhiteSpace(input.Reason) || input.Reason.Length > 200)
        {
            return new UserError(UserErrorCode.InvalidInput, "Give a reason of at most 200 characters.", "reason");
        }

        return null;
    }
}

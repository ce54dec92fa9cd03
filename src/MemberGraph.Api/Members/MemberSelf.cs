using GraphQL;
using MemberGraph.Auth;
using MemberGraph.GraphQL;

namespace MemberGraph.Members;

/// <summary>
/// Whether the member being shown is the caller themselves, who may see their own personal data unmasked.
/// Besides the token's own member id, a request can vouch for further members: the survivor a merged member's
/// token now stands for (<c>me</c>), or the member a sign-in just issued a token for.
/// </summary>
public static class MemberSelf
{
    private const string Key = "membergraph:self-members";

    public static void Vouch(IResolveFieldContext context, long memberId) =>
        RequestMemberSet.Add(context, Key, memberId);

    /// <summary>
    /// The member the caller's token stands for now: the token's member, or the survivor it was merged into since the
    /// token was issued (vouched for, so the survivor's own fields show unmasked). Null without a member token.
    /// </summary>
    public static async Task<Member?> CurrentMemberAsync(IResolveFieldContext context)
    {
        if (context.Caller() is not { Role: Roles.Member, MemberId: { } id })
        {
            return null;
        }

        var member = await context.MemberById().Load(id).GetResultAsync(context.CancellationToken);
        for (var hop = 0; member is { Status: MemberStatus.Merged, MergedIntoId: { } next } && hop < MemberChain.MaxHops; hop++)
        {
            member = await context.MemberById().Load(next).GetResultAsync(context.CancellationToken);
        }

        if (member is not null && member.Id != id)
        {
            Vouch(context, member.Id);
        }

        return member;
    }

    /// <summary>
    /// <see cref="IsSelf(IResolveFieldContext, long)"/>, and also true when the token's member has been merged into <paramref name="memberId"/>:
    /// an app still holding the earlier token keeps its coupons and orders, which moved to the survivor. Reads only
    /// when the quick answer is no.
    /// </summary>
    public static async Task<bool> IsSelfAsync(IResolveFieldContext context, long memberId) =>
        IsSelf(context, memberId) || (context.Caller().Is(Roles.Member) && (await CurrentMemberAsync(context))?.Id == memberId);

    public static bool IsSelf(IResolveFieldContext context, long memberId) => IsSelf(context.Context(), memberId);

    /// <summary>The same, for a request already executed (the access log leaves the member's own reads out).</summary>
    public static bool IsSelf(GraphQLContext context, long memberId) =>
        (context.Caller.Is(Roles.Member) && context.Caller.MemberId == memberId) || RequestMemberSet.Contains(context, Key, memberId);
}

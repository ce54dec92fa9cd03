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

    public static void Vouch(IResolveFieldContext context, long memberId)
    {
        var state = context.Context();
        lock (state)
        {
            // Copy on write: a subscription's events share the set with the context they were copied from.
            var members = state.TryGetValue(Key, out var value) && value is HashSet<long> vouched ? new HashSet<long>(vouched) : [];
            members.Add(memberId);
            state[Key] = members;
        }
    }

    public static bool IsSelf(IResolveFieldContext context, long memberId)
    {
        var caller = context.Caller();
        if (caller.Is(Roles.Member) && caller.MemberId == memberId)
        {
            return true;
        }

        var state = context.Context();
        lock (state)
        {
            return state.TryGetValue(Key, out var value) && value is HashSet<long> members && members.Contains(memberId);
        }
    }
}

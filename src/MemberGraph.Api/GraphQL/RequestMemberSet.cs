using GraphQL;

namespace MemberGraph.GraphQL;

/// <summary>
/// A set of member ids kept in the request's <see cref="GraphQLContext"/> under a key: the members the request vouched for
/// (<c>MemberSelf</c>), showed a code at the till (<c>ShownAtTill</c>) or reads on a reduced card (<c>ReducedCard</c>).
/// Copy on write, because a subscription's events share the set with the context they were copied from.
/// </summary>
public static class RequestMemberSet
{
    public static void Add(IResolveFieldContext context, string key, long memberId)
    {
        var state = context.Context();
        lock (state)
        {
            var members = state.TryGetValue(key, out var value) && value is HashSet<long> known ? new HashSet<long>(known) : [];
            members.Add(memberId);
            state[key] = members;
        }
    }

    public static bool Contains(IResolveFieldContext context, string key, long memberId) => Contains(context.Context(), key, memberId);

    /// <summary>The same, for a request already executed (the access log reads it from the executed result).</summary>
    public static bool Contains(GraphQLContext state, string key, long memberId)
    {
        lock (state)
        {
            return state.TryGetValue(key, out var value) && value is HashSet<long> members && members.Contains(memberId);
        }
    }
}

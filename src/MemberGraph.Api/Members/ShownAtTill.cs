using GraphQL;
using MemberGraph.GraphQL;

namespace MemberGraph.Members;

/// <summary>
/// Members who identified themselves to the store in this request: by showing their dynamic member code
/// (<c>memberByCode</c>) or a coupon's code (<c>couponByCode</c>, write-offs by code). Showing a code at the till is the
/// member's consent to be served there, so staff of any store may follow that coupon to its holder — and only in the
/// request that carried the code: a coupon opened by its id names its holder only to those who may read the member.
/// </summary>
public static class ShownAtTill
{
    private const string Key = "membergraph:shown-at-till";

    public static void Record(IResolveFieldContext context, long memberId) =>
        RequestMemberSet.Add(context, Key, memberId);

    public static bool Contains(IResolveFieldContext context, long memberId) =>
        RequestMemberSet.Contains(context, Key, memberId);
}

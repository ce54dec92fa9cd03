using MemberGraph.Auth;
using MemberGraph.Domain;

namespace MemberGraph.Guides;

/// <summary>Who may manage a store's guides and customers: an admin, or staff of that store.</summary>
public static class GuideAccess
{
    public static bool CanManage(Caller caller, long storeId) =>
        caller.Is(Roles.Admin) || (caller.Is(Roles.Staff) && caller.StoreId == storeId);

    /// <summary>Refuses with AUTH_NOT_AUTHORIZED unless <see cref="CanManage"/>.</summary>
    public static void EnsureCanManage(Caller caller, long storeId, string what)
    {
        if (!CanManage(caller, storeId))
        {
            throw RequestRefusedException.NotAuthorized(what);
        }
    }

    /// <summary>The guide id of a guide token; refuses tokens without one.</summary>
    public static long SignedInGuideId(Caller caller) =>
        caller.Is(Roles.Guide) && caller.GuideId is { } id ? id : throw RequestRefusedException.NotAuthorized("act as a guide without a guide id in the token");
}

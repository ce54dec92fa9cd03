using MemberGraph.Auth;
using MemberGraph.Domain;

namespace MemberGraph.Kpis;

/// <summary>
/// Who sees which KPIs: admins every store and guide; staff their own store's KPIs, ranking and guides; a guide their own
/// KPIs and the ranking of the store they work in (looked up, not taken from the token, so a guide moved to another store
/// sees the new one). Members, partners, channel integrations and anonymous callers see none (the fields' roles refuse
/// them before this runs). Every refusal is AUTH_NOT_AUTHORIZED.
/// </summary>
public static class KpiAccess
{
    public static void EnsureMaySeeStore(Caller caller, long storeId)
    {
        if (!caller.Is(Roles.Admin) && !(caller.Is(Roles.Staff) && caller.StoreId == storeId))
        {
            throw RequestRefusedException.NotAuthorized("see another store's KPIs");
        }
    }

    /// <summary>The guide's KPIs: the guide themselves, staff of the guide's store, admins.</summary>
    public static void EnsureMaySeeGuide(Caller caller, long guideId, long guideStoreId)
    {
        var self = caller.Is(Roles.Guide) && caller.GuideId == guideId;
        var staff = caller.Is(Roles.Staff) && caller.StoreId == guideStoreId;
        if (!caller.Is(Roles.Admin) && !self && !staff)
        {
            throw RequestRefusedException.NotAuthorized("see another guide's KPIs");
        }
    }

    /// <summary>The ranking of a store: admins, its staff, and its guides (<paramref name="callerGuideStoreId"/>: the store of the calling guide).</summary>
    public static void EnsureMaySeeRanking(Caller caller, long storeId, long? callerGuideStoreId)
    {
        var guideOfStore = caller.Is(Roles.Guide) && callerGuideStoreId == storeId;
        var staff = caller.Is(Roles.Staff) && caller.StoreId == storeId;
        if (!caller.Is(Roles.Admin) && !guideOfStore && !staff)
        {
            throw RequestRefusedException.NotAuthorized("see another store's guide ranking");
        }
    }
}

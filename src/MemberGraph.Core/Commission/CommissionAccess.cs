using MemberGraph.Auth;
using MemberGraph.Domain;
using MemberGraph.Guides;

namespace MemberGraph.Commission;

/// <summary>A guide's commission is for the guide, staff of the guide's store and admins; everyone else is refused.</summary>
public static class CommissionAccess
{
    public static void EnsureCanRead(Caller caller, Guide guide)
    {
        if (!(caller.Is(Roles.Guide) && caller.GuideId == guide.Id) && !GuideAccess.CanManage(caller, guide.StoreId))
        {
            throw RequestRefusedException.NotAuthorized("read another guide's commission");
        }
    }
}

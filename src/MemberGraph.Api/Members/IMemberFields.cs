namespace MemberGraph.Members;

/// <summary>
/// A feature's fields on <c>Member</c> (points, tier, orders, coupons, ...), added by the feature's own folder so
/// the member type does not grow with every feature. Implementations are registered in DI.
/// </summary>
public interface IMemberFields
{
    void AddTo(MemberType member);
}

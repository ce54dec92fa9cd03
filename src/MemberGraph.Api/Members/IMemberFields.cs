namespace MemberGraph.Members;

/// <summary>
/// A feature's fields on <c>Member</c> (points, tier, orders, coupons, ...), added by the feature's own folder so
/// the member type does not grow with every feature. Implementations are found and registered by the same assembly scan
/// as the root fields (<c>GraphQLServiceCollectionExtensions</c>); <see cref="MemberType"/> adds them in the order of
/// their full names.
/// </summary>
public interface IMemberFields
{
    void AddTo(MemberType member);
}

namespace MemberGraph.Guides;

/// <summary>
/// A feature's fields on <c>Guide</c> (commission, ...), added from the feature's own folder so the guide type does not
/// grow with every feature. Implementations are found and registered by the same assembly scan as the root fields
/// (<c>GraphQLServiceCollectionExtensions</c>); <see cref="GuideType"/> adds them in the order of their full names.
/// </summary>
public interface IGuideFields
{
    void AddTo(GuideType guide);
}

namespace MemberGraph.Guides;

/// <summary>
/// A feature's fields on <c>Guide</c> (commission, ...), added from the feature's own folder so the guide type does not
/// grow with every feature. Implementations are registered in DI.
/// </summary>
public interface IGuideFields
{
    void AddTo(GuideType guide);
}

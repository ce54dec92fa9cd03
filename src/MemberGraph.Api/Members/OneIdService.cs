namespace MemberGraph.Members;

/// <summary>OneID: resolves channel identities to one member, merging members when identities disagree.</summary>
public sealed class OneIdService
{
}

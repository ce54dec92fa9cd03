namespace MemberGraph.Members;

/// <summary>One (channel, external id) pair an incoming sign-in or order carries: the key of an <see cref="Identity"/>.</summary>
public sealed record IdentityKey(IdentityChannel Channel, string ExternalId)
{
    public static IdentityKey Of(Identity identity) => new(identity.Channel, identity.ExternalId);

    public override string ToString() => $"{Channel}:{Masking.ExternalId(ExternalId)}";
}

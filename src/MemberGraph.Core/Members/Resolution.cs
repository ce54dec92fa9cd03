namespace MemberGraph.Members;

/// <summary>What OneID is asked to resolve: the identities a sign-in or order carries, and why.</summary>
public sealed record ResolveRequest(IReadOnlyList<IdentityKey> Identities, string Reason)
{
    /// <summary>A member the caller already is (the signed-in member binding a phone); followed to its survivor.</summary>
    public long? KnownMemberId { get; init; }

    /// <summary>Name given to a member created by this resolution.</summary>
    public string NewMemberName { get; init; } = "微信用户";

    /// <summary>Applied to the resolved member inside the same transaction (channel flags, phone, ...).</summary>
    public Action<Member>? Update { get; init; }
}

/// <summary>The member the identities resolved to, and what the resolution changed on the way.</summary>
public sealed record Resolution(Member Member, bool Created, IReadOnlyList<IdentityKey> Linked, IReadOnlyList<MemberMerge> Merges)
{
    public bool Merged => Merges.Count > 0;
}

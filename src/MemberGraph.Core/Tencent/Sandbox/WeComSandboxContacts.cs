namespace MemberGraph.Tencent.Sandbox;

/// <summary>An external contact as <c>externalcontact/get</c> describes them.</summary>
public sealed record SandboxContact(string ExternalUserId, string Name, string? UnionId, int Gender = 2)
{
    /// <summary>What the sandbox says of an external user id it knows nothing else about: a name from its last four characters.</summary>
    public static SandboxContact Unknown(string externalUserId, string? unionId = null) =>
        new(externalUserId, $"客户{externalUserId[^Math.Min(4, externalUserId.Length)..]}", unionId);
}

/// <summary>Who an external user id (<c>wm…</c>) is, for the fake <c>externalcontact/get</c>.</summary>
public interface IWeComSandboxContacts
{
    Task<SandboxContact> FindAsync(string externalUserId, CancellationToken cancellationToken);
}

namespace MemberGraph.Tencent.Sandbox;

/// <summary>The <c>Tencent:*</c> section.</summary>
public sealed class TencentSandboxOptions
{
    public const string Section = "Tencent";

    /// <summary>Serve the fake WeChat and WeCom APIs under /sandbox/tencent/ and call them (see <see cref="TencentSandboxMode"/>).</summary>
    public bool? Sandbox { get; set; }

    /// <summary>
    /// How the gateway reaches itself, e.g. <c>http://localhost:5080</c>; unset, the first address it listens on (a
    /// wildcard host becomes localhost). Set it when the gateway listens where it cannot call itself.
    /// </summary>
    public string? SandboxBaseUrl { get; set; }
}

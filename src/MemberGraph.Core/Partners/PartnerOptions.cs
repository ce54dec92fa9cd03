namespace MemberGraph.Partners;

/// <summary>The <c>Partners</c> configuration section.</summary>
public sealed class PartnerOptions
{
    public const string Section = "Partners";

    /// <summary>Lifetime of a partner token from <c>POST /oauth/token</c> (<c>expires_in</c>), in minutes: 1 to 1,440.</summary>
    public int TokenMinutes { get; set; } = 60;
}

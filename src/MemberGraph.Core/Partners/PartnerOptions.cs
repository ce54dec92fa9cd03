namespace MemberGraph.Partners;

/// <summary>The <c>Partners</c> configuration section.</summary>
public sealed class PartnerOptions
{
    public const string Section = "Partners";

    /// <summary>Lifetime of a partner token from <c>POST /oauth/token</c> (<c>expires_in</c>), in minutes: 1 to 1,440.</summary>
    public int TokenMinutes { get; set; } = 60;

    /// <summary>
    /// How each partner may credit points into the brand's ledger (<c>creditPartnerPoints</c>), by the partner's client id
    /// (<c>Partners:PointsCredit:demo-mixc:PartnerPointsPerPoint</c>). A partner not listed credits nothing.
    /// </summary>
    public Dictionary<string, PartnerCreditRule> PointsCredit { get; set; } = new(StringComparer.Ordinal);
}

/// <summary>One partner's rate and daily caps for crediting its points as brand points.</summary>
public sealed class PartnerCreditRule
{
    /// <summary>How many of the partner's points make one brand point (10: 100 mall points credit 10 points); rounded down.</summary>
    public int PartnerPointsPerPoint { get; set; } = 1;

    /// <summary>Most brand points the partner may credit to one member in one business day (China time).</summary>
    public long DailyCapPerMember { get; set; } = 1_000;

    /// <summary>Most brand points the partner may credit to all members together in one business day.</summary>
    public long DailyCap { get; set; } = 100_000;

    /// <summary>The brand points <paramref name="partnerPoints"/> make (rounded down).</summary>
    public long PointsFor(long partnerPoints) => partnerPoints / PartnerPointsPerPoint;

    public string? Problem(string clientId) =>
        PartnerPointsPerPoint < 1 ? $"Partners:PointsCredit:{clientId}:PartnerPointsPerPoint is 1 or more."
        : DailyCapPerMember < 1 ? $"Partners:PointsCredit:{clientId}:DailyCapPerMember is 1 or more."
        : DailyCap < DailyCapPerMember ? $"Partners:PointsCredit:{clientId}:DailyCap is at least DailyCapPerMember."
        : null;
}

namespace MemberGraph.Auth;

/// <summary>The roles a token can carry (claim <c>role</c>).</summary>
public static class Roles
{
    public const string Member = "member";
    public const string Guide = "guide";
    public const string Staff = "staff";
    public const string Partner = "partner";
    public const string Admin = "admin";

    /// <summary>Channel integrations (Tmall, JD, POS back ends) that push orders.</summary>
    public const string Ingestion = "ingestion";

    public static readonly IReadOnlyList<string> All = [Member, Guide, Staff, Partner, Admin, Ingestion];
}

/// <summary>The claim names of the token contract (DESIGN.md "Roles and who sees what").</summary>
public static class ClaimNames
{
    public const string Subject = "sub";
    public const string Role = "role";
    public const string MemberId = "member_id";
    public const string GuideId = "guide_id";
    public const string StoreId = "store_id";
    public const string PartnerId = "partner_id";
    public const string Scope = "scope";

    /// <summary>Partner tokens from <c>POST /oauth/token</c>: the secret version they were issued under (refused once it was rotated).</summary>
    public const string PartnerSecretVersion = "partner_secret_version";
}

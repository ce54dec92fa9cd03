namespace MemberGraph.Members;

/// <summary>One person across every channel (OneID). Merged members keep a tombstone.</summary>
public sealed class Member
{
    public long Id { get; set; }
    public string DisplayName { get; set; } = "";
    public string? Phone { get; set; }
    public DateOnly? Birthday { get; set; }
    public Gender Gender { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime? RegisteredAt { get; set; }
    public MemberStatus Status { get; set; } = MemberStatus.Active;

    /// <summary>Set when this member was merged into another (the survivor).</summary>
    public long? MergedIntoId { get; set; }

    public bool FollowedOfficialAccount { get; set; }
    public bool AuthorizedMiniProgram { get; set; }
    public bool AddedGuideOnWeCom { get; set; }
    public bool MarketingConsent { get; set; }

    /// <summary>Home (delivery) location in WGS-84 degrees, when the member gave one; used by delivery-radius tag rules.</summary>
    public double? HomeLatitude { get; set; }

    public double? HomeLongitude { get; set; }

    /// <summary>Bumped on every change that rules (tags, tiers) must re-evaluate.</summary>
    public DateTime TouchedAt { get; set; }

    public List<Identity> Identities { get; set; } = [];

    public bool IsRegistered => RegisteredAt is not null;
}

public enum MemberStatus
{
    Active = 0,
    Merged = 1,
    Erased = 2,
}

public enum Gender
{
    Unknown = 0,
    Female = 1,
    Male = 2,
}

namespace MemberGraph.Members;

/// <summary>A channel-specific id that points at exactly one member: (channel, external id) is unique.</summary>
public sealed class Identity
{
    public long Id { get; set; }
    public IdentityChannel Channel { get; set; }
    public string ExternalId { get; set; } = "";
    public long MemberId { get; set; }
    public Member? Member { get; set; }
    public DateTime LinkedAt { get; set; }
}

public enum IdentityChannel
{
    WechatOpenid = 1,
    WechatUnionid = 2,
    AlipayUserId = 3,
    Phone = 4,
    TmallOuid = 5,
    JdPin = 6,
    PosCard = 7,
    WecomExternalUserid = 8,
}

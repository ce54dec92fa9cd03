using MemberGraph.Stores;

namespace MemberGraph.Guides;

/// <summary>A store guide (导购) known to WeCom by <see cref="WeComUserId"/>.</summary>
public sealed class Guide
{
    public long Id { get; set; }
    public string WeComUserId { get; set; } = "";
    public string Name { get; set; } = "";
    public long StoreId { get; set; }
    public Store? Store { get; set; }
    public GuideStatus Status { get; set; } = GuideStatus.Active;

    /// <summary>Unique code carried by share links and the contact-way QR code's <c>state</c>.</summary>
    public string GuideCode { get; set; } = "";
}

public enum GuideStatus
{
    Active = 0,
    Resigned = 1,
}

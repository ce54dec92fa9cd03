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

    /// <summary>The WeCom 「联系我」 configuration created for this guide (<c>externalcontact/add_contact_way</c>).</summary>
    public string? ContactWayConfigId { get; set; }

    /// <summary>URL of the guide's contact QR code; scanning it adds the guide with <c>state</c> = <see cref="GuideCode"/>.</summary>
    public string? ContactWayQrCode { get; set; }

    /// <summary>When the guide left; their customers are transferred (离职继承).</summary>
    public DateTime? ResignedAt { get; set; }
}

public enum GuideStatus
{
    Active = 0,
    Resigned = 1,
}

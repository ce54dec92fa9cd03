namespace MemberGraph.Stores;

/// <summary>A physical store of the chain; O2O delivery is offered within <see cref="DeliveryRadiusMeters"/>.</summary>
public sealed class Store
{
    public long Id { get; set; }
    public string Code { get; set; } = "";
    public string Name { get; set; } = "";
    public string City { get; set; } = "";
    public double Latitude { get; set; }
    public double Longitude { get; set; }
    public int DeliveryRadiusMeters { get; set; }

    /// <summary>Street address as printed on the store's sign and receipts; null until the operator enters it.</summary>
    public string? Address { get; set; }

    /// <summary>The store's phone number (landline with area code, or mobile).</summary>
    public string? Phone { get; set; }

    /// <summary>Opening hours as shown to members, for example "08:00-22:00" or "周一至周五 09:00-21:00".</summary>
    public string? OpeningHours { get; set; }
}

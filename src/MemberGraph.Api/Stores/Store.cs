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
}

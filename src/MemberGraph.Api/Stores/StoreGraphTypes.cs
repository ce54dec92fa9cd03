using GraphQL;
using GraphQL.Types;
using MemberGraph.GraphQL;
using MemberGraph.GraphQL.Relay;

namespace MemberGraph.Stores;

public sealed class StoreType : ObjectGraphType<Store>
{
    public StoreType()
    {
        Name = "Store";
        Description = "A physical store of the chain.";
        Interface<NodeInterface>();
        Field<NonNullGraphType<IdGraphType>>("id").Description("Global, opaque id.").Resolve(ctx => GlobalId.Encode("Store", ctx.Source.Id));
        Field(s => s.Code).Description("The store's code in the chain (e.g. SH001).");
        Field(s => s.Name).Description("The store's name.");
        Field(s => s.City).Description("The city the store is in.");
        Field(s => s.Latitude).Description("Latitude (WGS-84).");
        Field(s => s.Longitude).Description("Longitude (WGS-84).");
        Field(s => s.DeliveryRadiusMeters).Description("O2O delivery is offered within this many metres of the store.");
    }
}

public sealed class NearbyStoreType : ObjectGraphType<NearbyStore>
{
    public NearbyStoreType()
    {
        Name = "NearbyStore";
        Description = "A store and how far it is from the given location.";
        Field<NonNullGraphType<StoreType>>("store").Description("The store.").Resolve(ctx => ctx.Source.Store);
        Field(n => n.DistanceMeters).Description("Great-circle distance in metres.");
        Field(n => n.WithinDeliveryRadius).Description("The location is inside the store's delivery radius.");
    }
}

/// <summary>The CLR shape of <see cref="GeoPointInputType"/>.</summary>
public sealed class GeoPointInput
{
    public double Latitude { get; set; }
    public double Longitude { get; set; }

    public GeoPoint ToPoint() => new(Latitude, Longitude);
}

public sealed class GeoPointInputType : InputObjectGraphType<GeoPointInput>
{
    public GeoPointInputType()
    {
        Name = "GeoPointInput";
        Description = "A WGS-84 position, as wx.getLocation returns it.";
        Field(p => p.Latitude).Description("Latitude, -90 to 90.");
        Field(p => p.Longitude).Description("Longitude, -180 to 180.");
    }
}

public sealed class StoreNodeResolver : INodeResolver
{
    public string TypeName => "Store";

    public async Task<object?> ResolveAsync(IResolveFieldContext context, long key) =>
        await context.StoreById().Load(key).GetResultAsync(context.CancellationToken);
}

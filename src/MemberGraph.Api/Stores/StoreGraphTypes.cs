using GraphQL;
using GraphQL.Types;
using MemberGraph.Domain;
using MemberGraph.GraphQL.Relay;

namespace MemberGraph.Stores;

public sealed class StoreType : ObjectGraphType<Store>
{
    public StoreType()
    {
        Name = "Store";
        Description = "A physical store of the chain; O2O delivery is offered within its delivery radius.";
        Interface<NodeInterface>();

        Field<NonNullGraphType<IdGraphType>>("id").Description("Global, opaque id.").Resolve(ctx => GlobalId.Encode("Store", ctx.Source.Id));
        Field(s => s.Code).Description("The chain's own store code (as printed on receipts and used by the POS).");
        Field(s => s.Name).Description("Store name shown to members.");
        Field(s => s.City).Description("City the store is in.");
        Field<NonNullGraphType<GeoPointType>>("location")
            .Description("Where the store is (WGS-84).")
            .Resolve(ctx => new GeoPoint { Latitude = ctx.Source.Latitude, Longitude = ctx.Source.Longitude });
        Field(s => s.DeliveryRadiusMeters).Description("O2O delivery is offered to addresses within this many meters of the store.");
        Field(s => s.Address, nullable: true).Description("Street address, as on the store's sign; null when not entered.");
        Field(s => s.Phone, nullable: true).Description("The store's phone number; null when not entered.");
        Field(s => s.OpeningHours, nullable: true).Description("Opening hours as shown to members (for example \"08:00-22:00\"); null when not entered.");
        Field<IntGraphType>("distanceMeters")
            .Description("Meters from the point the list was asked near (stores(near:)), rounded; null when no point was given.")
            .Resolve(ctx => NearPoint(ctx) is { } near ? (int?)Math.Round(near.DistanceMetersTo(ctx.Source)) : null);
    }

    /// <summary>The <c>near</c> argument of the closest enclosing field that has one (for example <c>stores(near:)</c>).</summary>
    private static GeoPoint? NearPoint(IResolveFieldContext context)
    {
        for (var parent = context.Parent; parent is not null; parent = parent.Parent)
        {
            if (parent.FieldDefinition.Arguments?.Find("near") is not null)
            {
                return parent.GetArgument<GeoPoint?>("near");
            }
        }

        return null;
    }
}

public sealed class GeoPointType : ObjectGraphType<GeoPoint>
{
    public GeoPointType()
    {
        Name = "GeoPoint";
        Description = "A point in WGS-84 degrees.";
        Field(p => p.Latitude).Description("Latitude in degrees, -90 to 90.");
        Field(p => p.Longitude).Description("Longitude in degrees, -180 to 180.");
    }
}

public sealed class GeoPointInputType : InputObjectGraphType<GeoPoint>
{
    public GeoPointInputType()
    {
        Name = "GeoPointInput";
        Description = "A point in WGS-84 degrees, for example the member's location from wx.getLocation({ type: 'wgs84' }).";
        Field(p => p.Latitude).Description("Latitude in degrees, -90 to 90.");
        Field(p => p.Longitude).Description("Longitude in degrees, -180 to 180.");
    }
}

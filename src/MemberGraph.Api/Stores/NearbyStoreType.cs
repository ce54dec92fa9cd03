using GraphQL.Types;

namespace MemberGraph.Stores;

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

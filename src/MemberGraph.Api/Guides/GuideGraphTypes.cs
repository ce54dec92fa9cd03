using GraphQL.Types;
using MemberGraph.GraphQL;
using MemberGraph.GraphQL.Relay;
using MemberGraph.Stores;

namespace MemberGraph.Guides;

public sealed class GuideType : ObjectGraphType<Guide>
{
    public GuideType()
    {
        Name = "Guide";
        Description = "A store guide (导购): the person a member chats with on WeCom and whose guide code attributes orders.";
        Interface<NodeInterface>();

        Field<NonNullGraphType<IdGraphType>>("id").Description("Global, opaque id.").Resolve(ctx => GlobalId.Encode("Guide", ctx.Source.Id));
        Field(g => g.Name).Description("Name shown to members.");
        Field(g => g.GuideCode).Description("The guide's code, carried by share links and contact-way QR codes.");
        Field<NonNullGraphType<GuideStatusType>>("status").Description("Active, or resigned (customers are then transferred).").Resolve(ctx => ctx.Source.Status);
        Field<NonNullGraphType<StoreType>>("store")
            .Description("The store the guide works at.")
            .Resolve(ctx => ctx.StoreById().Load(ctx.Source.StoreId));
    }
}

public sealed class GuideStatusType : EnumerationGraphType<GuideStatus>
{
    public GuideStatusType()
    {
        Name = "GuideStatus";
        Description = "Whether a guide still works for the brand.";
    }
}

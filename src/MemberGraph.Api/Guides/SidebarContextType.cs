using GraphQL.Types;
using MemberGraph.Members;
using MemberGraph.Stores;

namespace MemberGraph.Guides;

public sealed class SidebarContextType : ObjectGraphType<SidebarContext>
{
    public SidebarContextType()
    {
        Name = "SidebarContext";
        Description = "The WeCom sidebar card: who the customer in the chat is and what this guide may do for them.";
        Field<NonNullGraphType<MemberType>>("member")
            .Description("The member behind the chat (tier, points, coupons, orders and tags are Member fields).")
            .Resolve(ctx => ctx.Source.Member);
        Field<StringGraphType>("maskedPhone").Description("The phone number, masked (138****1234).").Resolve(ctx => Masking.Phone(ctx.Source.Member.Phone));
        Field<NonNullGraphType<ChannelStatusType>>("channelStatus")
            .Description("Registered, followed the official account, authorised the mini-program, added a guide on WeCom.")
            .Resolve(ctx => ctx.Source.Member);
        Field<GuideType>("openingGuide")
            .Description("The guide of the customer's first relationship (开卡导购).")
            .Resolve(ctx => ctx.Source.OpeningGuideId is { } id ? ctx.GuideById().Load(id) : null);
        Field<GuideType>("exclusiveGuide")
            .Description("The customer's exclusive guide now, if any.")
            .Resolve(ctx => ctx.Source.ExclusiveGuideId is { } id ? ctx.GuideById().Load(id) : null);
        Field<StoreType>("serviceStore")
            .Description("The store serving the customer: the exclusive guide's store.")
            .Resolve(ctx => ctx.Source.ServiceStoreId is { } id ? ctx.StoreById().Load(id) : null);
        Field<NonNullGraphType<BooleanGraphType>>("canAct")
            .Description("True when this guide has an open relationship with the customer and may tag them or send coupons.")
            .Resolve(ctx => ctx.Source.Relationship is not null);
        Field<GuideRelationshipType>("relationship")
            .Description("This guide's open relationship with the customer; null when the guide sees them only as store colleague.")
            .Resolve(ctx => ctx.Source.Relationship);
    }
}

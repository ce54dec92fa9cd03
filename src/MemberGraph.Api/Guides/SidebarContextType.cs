using GraphQL.Types;
using MemberGraph.Audit;
using MemberGraph.GraphQL.DataLoaders;
using MemberGraph.Members;
using MemberGraph.Privacy;
using MemberGraph.Stores;

namespace MemberGraph.Guides;

public sealed class SidebarContextType : ObjectGraphType<SidebarContext>
{
    /// <summary>The fields a store colleague's customer's card answers (<see cref="ReducedCard"/>).</summary>
    private static readonly IReadOnlySet<string> ShownOnTheReducedCard =
        ReducedCard.Fields("member", "canAct", "exclusiveGuide", "serviceStore", "relationship");

    public SidebarContextType()
    {
        Name = "SidebarContext";
        Description = "The WeCom sidebar card: who the customer in the chat is and what this guide may do for them. The guide's own " +
                      "customer gets the full card; a store colleague's customer the reduced card: canAct (false), exclusiveGuide, " +
                      "serviceStore, relationship (null) and the member's id, displayName, tier, exclusiveGuide, serviceStore and status. " +
                      "Every other field is null with an AUTH_NOT_AUTHORIZED error at its path.";
        this.RecordsReadsOf(s => s.Member.Id); // every card shown goes to the access log
        Field<NonNullGraphType<MemberType>>("member")
            .Description("The member behind the chat (tier, points, coupons, orders and tags are Member fields).")
            .Resolve(ctx => ctx.Source.Member);
        Field<StringGraphType>("maskedPhone")
            .Description("The phone number, masked (138****1234); refused on the reduced card (a store colleague's customer).")
            .Resolve(ctx => Masking.Phone(ctx.Source.Member.Phone));
        Field<ChannelStatusType>("channelStatus")
            .Description("Registered, followed the official account, authorised the mini-program, added a guide on WeCom. " +
                         "Null only where refused (a store colleague's customer).")
            .Resolve(ctx => ctx.Source.Member);
        Field<GuideType>("openingGuide")
            .Description("The guide of the customer's first relationship (开卡导购); refused on the reduced card (a store colleague's customer).")
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
        Field<BooleanGraphType>("guideOutreachConsent")
            .Description("Whether the customer agreed to be contacted proactively by guides (GUIDE_OUTREACH): without it, answer them in " +
                         "the chat but send nothing they did not ask for. Refused on the reduced card (a store colleague's customer).")
            .Resolve(ctx => ctx.MarketingConsentsByMember().Load(ctx.Source.Member.Id)
                .Then(consents => (bool?)consents.Any(c => c.Purpose == ConsentPurpose.GuideOutreach)));
        Field<GuideRelationshipType>("relationship")
            .Description("This guide's open relationship with the customer; null when the guide sees them only as store colleague.")
            .Resolve(ctx => ctx.Source.Relationship);

        ReducedCard.Guard(this, ShownOnTheReducedCard, s => s.Member.Id);
    }
}

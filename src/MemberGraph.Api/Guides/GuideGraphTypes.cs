using GraphQL;
using GraphQL.Types;
using GraphQL.Types.Relay;
using MemberGraph.Auth;
using MemberGraph.Data;
using MemberGraph.Domain;
using MemberGraph.GraphQL;
using MemberGraph.GraphQL.Lists;
using MemberGraph.GraphQL.Relay;
using MemberGraph.Members;
using MemberGraph.Stores;
using Microsoft.EntityFrameworkCore;

namespace MemberGraph.Guides;

public sealed class GuideType : ObjectGraphType<Guide>
{
    public GuideType(IEnumerable<IGuideFields> features)
    {
        Name = "Guide";
        Description = "A store guide (导购) on WeCom. Customers belong to the company: when a guide leaves, they are transferred.";
        Interface<NodeInterface>();

        Field<NonNullGraphType<IdGraphType>>("id").Description("Global, opaque id.").Resolve(ctx => GlobalId.Encode("Guide", ctx.Source.Id));
        Field(g => g.Name).Description("The guide's name as customers see it.");
        Field(g => g.GuideCode).Description("Code carried by share links, orders and the contact QR code's state.");
        Field<NonNullGraphType<GuideStatusType>>("status").Description("Active, or resigned (left the store).").Resolve(ctx => ctx.Source.Status);
        Field(g => g.ResignedAt, nullable: true).Description("When the guide left the store.");
        Field<StringGraphType>("contactQrCode")
            .Description("The guide's WeCom 「联系我」 QR code URL (createGuideContactWay); scanning it adds the guide on WeCom.")
            .Resolve(ctx => ctx.Source.ContactWayQrCode);
        Field<StoreType>("store").Description("The store the guide works in.").Resolve(ctx => ctx.StoreById().Load(ctx.Source.StoreId));

        Field<NonNullGraphType<ConnectionType<GuideRelationshipType>>>("customers")
            .Description("The guide's customers, one relationship each, newest first unless `order` says otherwise. For the guide themselves, " +
                         "staff of the store and admins.")
            .Argument<GuideCustomersFilterInputType>("where", "Which relationships to list (default: open ones of any kind), and conditions on the customer.")
            .Argument<ListGraphType<NonNullGraphType<GuideCustomerSortInputType>>>("order",
                $"Sort by these keys in turn (at most {SortCatalog<GuideRelationship>.MaxTerms}); ties, and no order, go newest relationship first.")
            .ResolveAsync(async ctx => await GuideCustomers.PageAsync(ctx))
            .FieldType.WithPagingArguments();

        // Fields other features own (commission, ...): each feature's IGuideFields, found by the same assembly scan as
        // the root fields, in a fixed order.
        foreach (var feature in features.OrderBy(f => f.GetType().FullName, StringComparer.Ordinal))
        {
            feature.AddTo(this);
        }
    }
}

public sealed class GuideRelationshipType : ObjectGraphType<GuideRelationship>
{
    public GuideRelationshipType()
    {
        Name = "GuideRelationship";
        Description = "A member's relationship with a guide; ended relationships stay as history.";
        Field<NonNullGraphType<GuideRelationshipKindType>>("kind").Description("Exclusive guide or follow.").Resolve(ctx => ctx.Source.Kind);
        Field<NonNullGraphType<RelationshipSourceType>>("source").Description("How the relationship started.").Resolve(ctx => ctx.Source.Source);
        Field(r => r.SourceDetail, nullable: true).Description("The WeCom contact-way state or share parameter it started with.");
        Field(r => r.Since).Description("When it started.");
        Field(r => r.EndedAt, nullable: true).Description("When it ended; null while open.");
        Field(r => r.EndReason, nullable: true).Description("Why it ended: transferred, guide_deleted_customer, customer_deleted_guide, became_exclusive, merged, member_erased.");
        Field<NonNullGraphType<GuideType>>("guide").Description("The guide.").Resolve(ctx => ctx.GuideById().Load(ctx.Source.GuideId));
        Field<NonNullGraphType<MemberType>>("member").Description("The customer.").Resolve(ctx => ctx.MemberById().Load(ctx.Source.MemberId));
    }
}



public sealed class GuideStatusType : EnumerationGraphType<GuideStatus>
{
    public GuideStatusType()
    {
        Name = "GuideStatus";
        Description = "Whether a guide still works for the store.";
    }
}

public sealed class GuideRelationshipKindType : EnumerationGraphType<GuideRelationshipKind>
{
    public GuideRelationshipKindType()
    {
        Name = "GuideRelationshipKind";
        Description = "Exclusive guide (at most one per member) or follow (any number).";
    }
}

public sealed class RelationshipSourceType : EnumerationGraphType<RelationshipSource>
{
    public RelationshipSourceType()
    {
        Name = "RelationshipSource";
        Description = "How a member came to a guide.";
    }

    /// <summary>WECOM_ADD_CONTACT, like WECOM_EXTERNAL_USERID, rather than WE_COM_ADD_CONTACT.</summary>
    protected override string ChangeEnumCase(string val) => base.ChangeEnumCase(val.Replace("WeCom", "Wecom", StringComparison.Ordinal));
}

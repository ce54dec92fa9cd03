using GraphQL;
using GraphQL.Types;
using GraphQL.Types.Relay;
using MemberGraph.Auth;
using MemberGraph.Domain;
using MemberGraph.GraphQL;
using MemberGraph.Data;
using MemberGraph.GraphQL.Authorization;
using MemberGraph.GraphQL.Lists;
using MemberGraph.GraphQL.Relay;
using MemberGraph.Members;
using Microsoft.EntityFrameworkCore;

namespace MemberGraph.Guides;

public sealed class GuideQueries : IQueryFields
{
    public void AddTo(QueryType query)
    {
        query.Field<GuideType>("myGuide")
            .Description("The signed-in guide, with their customers.")
            .Authorize(Roles.Guide)
            .ResolveAsync(async ctx => await ctx.GuideById().Load(GuideAccess.SignedInGuideId(ctx.Caller())).GetResultAsync(ctx.CancellationToken));

        query.Field<NonNullGraphType<GuideConnectionType>>("guides")
            .Description("The guides of a store, active and resigned, by id unless `order` says otherwise. Admins: any store, or every guide when storeId is left out; " +
                         "staff and guides: their own store only (the default for them; another store is AUTH_NOT_AUTHORIZED).")
            .Argument<IdGraphType>("storeId", "The store (global id or plain key).")
            .Argument<GuideFilterInputType>("where", "Conditions on the guides.")
            .Argument<ListGraphType<NonNullGraphType<GuideSortInputType>>>("order",
                $"Sort by these keys in turn (at most {SortCatalog<Guide>.MaxTerms}); ties, and no order, go by id.")
            .Authorize(Roles.Admin, Roles.Staff, Roles.Guide)
            .ResolveAsync(ListAsync)
            .FieldType.WithPagingArguments();

        query.Field<SidebarContextType>("sidebarContext")
            .Description("The WeCom sidebar card for the customer in the chat (external user id from the JS-SDK's getCurExternalContact): " +
                "the full card for the customer's own guides, the reduced card (see SidebarContext) for a store colleague of theirs, " +
                "AUTH_NOT_AUTHORIZED for anyone else; NOT_FOUND when no member is known for the id.")
            .Argument<NonNullGraphType<StringGraphType>>("externalUserId", "The WeCom external user id of the customer in the chat.")
            .Authorize(Roles.Guide)
            .ResolveAsync(async ctx =>
            {
                var externalUserId = ctx.GetArgument<string>("externalUserId");
                if (externalUserId.Length is 0 or > 128)
                {
                    throw GraphQLRequestError.BadInput("'externalUserId' must be 1 to 128 characters.");
                }

                var card = await ctx.Service<SidebarService>().LoadAsync(ctx.Caller(), externalUserId, ctx.CancellationToken);
                if (card.Reduced)
                {
                    ReducedCard.Record(ctx, card.Member.Id);
                }

                return card;
            });
    }

    /// <summary>One keyset page of guide rows (and one COUNT when totalCount is selected); their stores and customers come through loaders.</summary>
    private static async Task<object?> ListAsync(IResolveFieldContext ctx)
    {
        var page = ListPage<Guide>.From(ctx, GuideList.Sorts);
        var caller = ctx.Caller();
        var requested = ctx.GetArgument<string?>("storeId") is { } id
            ? GlobalId.TryDecode(id, "Store") ?? throw GraphQLRequestError.BadInput($"'{id}' is not a store id.")
            : (long?)null;
        var storeId = caller.Role == Roles.Admin ? requested : caller.StoreId;
        if (caller.Role != Roles.Admin && (storeId is null || (requested is not null && requested != storeId)))
        {
            throw GraphQLRequestError.NotAuthorized("list the guides of another store");
        }

        await using var db = await ctx.Service<IDbContextFactory<MemberGraphDb>>().CreateDbContextAsync(ctx.CancellationToken);
        var guides = GuideList.Filtered(db, storeId, ctx.GetArgument<GuideFilter?>("where") ?? new GuideFilter());
        var rows = await page.Order.Page(db, guides, page.After, page.Take).ToListAsync(ctx.CancellationToken);
        int? total = ctx.WantsTotalCount() ? await guides.CountAsync(ctx.CancellationToken) : null;
        return page.Connection(rows, total);
    }
}

public sealed class GuideConnectionType : ConnectionType<GuideType>
{
    public GuideConnectionType() => Description = "A page of guides.";
}

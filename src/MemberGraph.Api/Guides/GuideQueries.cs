using GraphQL;
using GraphQL.Types;
using MemberGraph.Auth;
using MemberGraph.GraphQL;
using MemberGraph.GraphQL.Authorization;

namespace MemberGraph.Guides;

public sealed class GuideQueries : IQueryFields
{
    public void AddTo(QueryType query)
    {
        query.Field<GuideType>("myGuide")
            .Description("The signed-in guide, with their customers.")
            .Authorize(Roles.Guide)
            .ResolveAsync(async ctx => await ctx.GuideById().Load(GuideAccess.SignedInGuideId(ctx.Caller())).GetResultAsync(ctx.CancellationToken));

        query.Field<SidebarContextType>("sidebarContext")
            .Description("The WeCom sidebar card for the customer in the chat (external user id from the JS-SDK's getCurExternalContact). " +
                "For the customer's own guides and guides of the same store; NOT_FOUND when no member is known for the id.")
            .Argument<NonNullGraphType<StringGraphType>>("externalUserId", "The WeCom external user id of the customer in the chat.")
            .Authorize(Roles.Guide)
            .ResolveAsync(async ctx =>
            {
                var externalUserId = ctx.GetArgument<string>("externalUserId");
                if (externalUserId.Length is 0 or > 128)
                {
                    throw GraphQLRequestError.BadInput("'externalUserId' must be 1 to 128 characters.");
                }

                return await ctx.Service<SidebarService>().LoadAsync(ctx.Caller(), externalUserId, ctx.CancellationToken);
            });
    }
}

using GraphQL;
using GraphQL.Types;
using GraphQL.Types.Relay;
using MemberGraph.Auth;
using MemberGraph.Data;
using MemberGraph.Domain;
using MemberGraph.GraphQL;
using MemberGraph.GraphQL.Authorization;
using MemberGraph.GraphQL.Relay;
using Microsoft.EntityFrameworkCore;

namespace MemberGraph.Guides.Tasks;

/// <summary><c>guideTaskCampaigns</c> and <c>guideTaskCampaign(id:)</c>: admins and store staff (whose figures are their store's).</summary>
public sealed class GuideTaskQueries : IQueryFields
{
    public void AddTo(QueryType query)
    {
        query.Field<NonNullGraphType<ConnectionType<GuideTaskCampaignType, EdgeType<GuideTaskCampaignType>>>>("guideTaskCampaigns")
            .Description("Guide task campaigns, newest first (admins; store staff, who see their store's figures).")
            .Authorize(Roles.Admin, Roles.Staff)
            .ResolveAsync(async ctx =>
            {
                var page = PageRequest.From(ctx);
                await using var db = await ctx.Service<IDbContextFactory<MemberGraphDb>>().CreateDbContextAsync(ctx.CancellationToken);
                var campaigns = db.GuideTaskCampaigns.AsNoTracking();
                var rows = await campaigns.Where(c => page.After == null || c.Id < page.After).OrderByDescending(c => c.Id).Take(page.First + 1).ToListAsync(ctx.CancellationToken);
                int? total = ctx.WantsTotalCount() ? await campaigns.CountAsync(ctx.CancellationToken) : null;
                return Connections.Build(rows, page, c => c.Id, total);
            })
            .FieldType.WithPagingArguments();

        query.Field<GuideTaskCampaignType>("guideTaskCampaign")
            .Description("One campaign by id (admins; store staff); null when there is none.")
            .Argument<NonNullGraphType<IdGraphType>>("id", "The campaign's global id.")
            .Authorize(Roles.Admin, Roles.Staff)
            .ResolveAsync(async ctx =>
            {
                var id = GlobalId.TryDecode(ctx.GetArgument<string>("id"), "GuideTaskCampaign")
                         ?? throw GraphQLRequestError.BadInput("'id' is not a guide task campaign id.");
                return await ctx.GuideTaskCampaignById().Load(id).GetResultAsync(ctx.CancellationToken);
            });
    }
}

using GraphQL;
using GraphQL.Types;
using GraphQL.Types.Relay;
using MemberGraph.Auth;
using MemberGraph.Data;
using MemberGraph.GraphQL;
using MemberGraph.GraphQL.Relay;
using Microsoft.EntityFrameworkCore;

namespace MemberGraph.Guides.Tasks;

/// <summary><c>Guide.tasks</c> (so <c>myGuide.tasks</c>): the guide's own tasks; also for staff of the guide's store and admins.</summary>
public sealed class GuideTaskGuideFields : IGuideFields
{
    public void AddTo(GuideType guide) =>
        guide.Field<NonNullGraphType<ConnectionType<GuideTaskType, EdgeType<GuideTaskType>>>>("tasks")
            .Description("The guide's tasks, oldest first (keyset by id), optionally of one status. For the guide, staff of the guide's store and admins.")
            .Argument<GuideTaskStatusType>("status", "Only tasks in this status (OPEN for the work list).")
            .ResolveAsync(async ctx =>
            {
                var caller = ctx.Caller();
                var owner = ctx.Source;
                if (!(caller.Is(Roles.Guide) && caller.GuideId == owner.Id) && !GuideAccess.CanManage(caller, owner.StoreId))
                {
                    throw GraphQLRequestError.NotAuthorized("list another guide's tasks");
                }

                var page = PageRequest.From(ctx);
                var status = ctx.GetArgument<GuideTaskStatus?>("status");
                await using var db = await ctx.Service<IDbContextFactory<MemberGraphDb>>().CreateDbContextAsync(ctx.CancellationToken);
                var tasks = db.GuideTasks.AsNoTracking().Where(t => t.GuideId == owner.Id);
                if (status is { } wanted)
                {
                    tasks = tasks.Where(t => t.Status == wanted);
                }

                var rows = await tasks.Where(t => page.After == null || t.Id > page.After).OrderBy(t => t.Id).Take(page.First + 1).ToListAsync(ctx.CancellationToken);
                int? total = ctx.WantsTotalCount() ? await tasks.CountAsync(ctx.CancellationToken) : null;
                return Connections.Build(rows, page, t => t.Id, total);
            })
            .FieldType.WithPagingArguments();
}

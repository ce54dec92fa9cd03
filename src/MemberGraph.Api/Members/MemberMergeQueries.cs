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

namespace MemberGraph.Members;

/// <summary>Admin: the OneID merge history, newest first, to review and undo merges.</summary>
public sealed class MemberMergeQueries : IQueryFields
{
    public void AddTo(QueryType query)
    {
        query.Field<NonNullGraphType<ConnectionType<MemberMergeType>>>("memberMerges")
            .Description("Admin: OneID merges, newest first; with memberId only those where that member survived or was absorbed.")
            .Argument<IdGraphType>("memberId", "Only merges involving this member.")
            .Authorize(Roles.Admin)
            .ResolveAsync(async ctx =>
            {
                var page = PageRequest.From(ctx);
                var memberArgument = ctx.GetArgument<string?>("memberId");
                long? memberId = null;
                if (memberArgument is not null)
                {
                    memberId = GlobalId.TryDecode(memberArgument, "Member") ?? throw GraphQLRequestError.BadInput($"'{memberArgument}' is not a member id.");
                }

                await using var db = await ctx.Service<IDbContextFactory<MemberGraphDb>>().CreateDbContextAsync(ctx.CancellationToken);
                var merges = db.MemberMerges.AsNoTracking();
                if (memberId is { } id)
                {
                    merges = merges.Where(m => m.SurvivorId == id || m.MergedId == id);
                }

                var total = ctx.WantsTotalCount() ? await merges.CountAsync(ctx.CancellationToken) : (int?)null;
                if (page.After is { } after)
                {
                    merges = merges.Where(m => m.Id < after);
                }

                var rows = await merges.OrderByDescending(m => m.Id).Take(page.First + 1).ToListAsync(ctx.CancellationToken);
                return Connections.Build(rows, page, m => m.Id, total);
            })
            .FieldType.WithPagingArguments();
    }
}

/// <summary><c>node(id:)</c> for merge records: admins only, like the merge history.</summary>
public sealed class MemberMergeNodeResolver : INodeResolver
{
    public string TypeName => "MemberMerge";

    public async Task<object?> ResolveAsync(IResolveFieldContext context, long key)
    {
        if (!context.Caller().Is(Roles.Admin))
        {
            throw GraphQLRequestError.NotAuthorized("read merge records");
        }

        await using var db = await context.Service<IDbContextFactory<MemberGraphDb>>().CreateDbContextAsync(context.CancellationToken);
        return await db.MemberMerges.AsNoTracking().SingleOrDefaultAsync(m => m.Id == key, context.CancellationToken);
    }
}

using GraphQL;
using GraphQL.Types;
using GraphQL.Types.Relay;
using MemberGraph.Auth;
using MemberGraph.Data;
using MemberGraph.Domain;
using MemberGraph.GraphQL;
using MemberGraph.GraphQL.Authorization;
using MemberGraph.GraphQL.Lists;
using MemberGraph.GraphQL.Relay;
using Microsoft.EntityFrameworkCore;

namespace MemberGraph.Members;

public sealed class MemberQueries : IQueryFields
{
    public void AddTo(QueryType query)
    {
        query.Field<MemberType>("me")
            .Description("The signed-in member. A token of a member that was merged since answers with the member it was merged into.")
            .Authorize(Roles.Member)
            .ResolveAsync(async ctx =>
            {
                _ = ctx.Caller().MemberId ?? throw GraphQLRequestError.NotAuthorized("read a member without a member id in the token");
                return await MemberSelf.CurrentMemberAsync(ctx);
            });

        query.Field<MemberType>("member")
            .Description("One member by id; a merged member's id gives the member it was merged into. A member may read only " +
                         "themselves, a guide their own customers in full and a store colleague's customer on the reduced card (see Member), " +
                         "staff only their store's members, an admin anyone; anything else (including an unknown id) is AUTH_NOT_AUTHORIZED. " +
                         "Null only for an admin asking an unknown id. An erased member is an unknown id.")
            .Argument<NonNullGraphType<IdGraphType>>("id", "A Member id.")
            .Authorize(Roles.Member, Roles.Guide, Roles.Staff, Roles.Admin)
            .ResolveAsync(async ctx =>
            {
                var id = GlobalId.TryDecode(ctx.GetArgument<string>("id"), "Member") ?? throw GraphQLRequestError.BadInput("'id' is not a Member id.");
                return await ctx.Service<MemberReader>().ReadAsync(ctx, id);
            });

        query.Field<NonNullGraphType<MemberConnectionType>>("members")
            .Description("Members the caller may see, oldest first unless `order` says otherwise: a guide their own customers only (open " +
                         "relationships; not a store colleague's, which member(id:) shows on the reduced card), staff their " +
                         "store's members, an admin everyone. Merged and erased members are not listed (a merged member's survivor is).")
            .Argument<MemberFilterInputType>("where", "Conditions; a storeId other than the caller's own store is AUTH_NOT_AUTHORIZED for guides and staff.")
            .Argument<ListGraphType<NonNullGraphType<MemberSortInputType>>>("order",
                $"Sort by these keys in turn (at most {SortCatalog<Member>.MaxTerms}); ties, and no order, go oldest member first.")
            .Authorize(Roles.Guide, Roles.Staff, Roles.Admin)
            .ResolveAsync(async ctx => await ListAsync(ctx))
            .FieldType.WithPagingArguments();

        query.Field<MemberType>("memberByCode")
            .Description("The member showing this dynamic member code at the till (see Member.memberCode). Any store may scan it: " +
                         "showing the code is the member's consent. Null when the code's member no longer exists (erased). Errors: MEMBER_CODE_EXPIRED, MEMBER_CODE_INVALID.")
            .Argument<NonNullGraphType<StringGraphType>>("code", "The scanned code.")
            .Authorize(Roles.Staff, Roles.Admin)
            .ResolveAsync(async ctx =>
            {
                var check = ctx.Service<MemberCodeService>().Verify(ctx.GetArgument<string>("code"));
                return check.Status switch
                {
                    MemberCodeStatus.Expired => throw new GraphQLRequestError(ErrorCodes.MemberCodeExpired, MemberCodeService.ExpiredMessage),
                    MemberCodeStatus.Invalid => throw new GraphQLRequestError(ErrorCodes.MemberCodeInvalid, MemberCodeService.InvalidMessage),
                    _ => await FindAsync(ctx, check.MemberId),
                };
            });
    }

    private static async Task<Member?> FindAsync(IResolveFieldContext ctx, long id)
    {
        await using var db = await ctx.Service<IDbContextFactory<MemberGraphDb>>().CreateDbContextAsync(ctx.CancellationToken);
        var member = await MemberReader.FollowMergesAsync(db, id, ctx.CancellationToken);
        if (member is not { Status: MemberStatus.Active })
        {
            return null; // a code an erased member showed before the erasure names no one now
        }

        ShownAtTill.Record(ctx, member.Id);
        return member;
    }

    private static async Task<object?> ListAsync(IResolveFieldContext ctx)
    {
        var caller = ctx.Caller();
        var page = ListPage<Member>.From(ctx, MemberList.Sorts);
        var filter = ctx.GetArgument<MemberListFilter?>("where") ?? new MemberListFilter();
        RefuseOutOfScope(caller, filter.Row);

        var now = ctx.Service<TimeProvider>().GetUtcNow().UtcDateTime;
        await using var db = await ctx.Service<IDbContextFactory<MemberGraphDb>>().CreateDbContextAsync(ctx.CancellationToken);
        var members = MemberList.Filtered(db, caller, filter, now);
        int? total = ctx.WantsTotalCount() ? await members.CountAsync(ctx.CancellationToken) : null;
        var rows = await page.Order.Page(db, members, page.After, page.Take).ToListAsync(ctx.CancellationToken);
        if (rows.Count == 0 && page.After is null)
        {
            await filter.CheckTagAsync(db, ctx.CancellationToken);
        }

        return page.Connection(rows, total);
    }

    /// <summary>A guide or staff token without its ids, or a question about another store, is refused rather than answered empty.</summary>
    private static void RefuseOutOfScope(Caller caller, MemberFilter filter)
    {
        var ownStore = caller.Role switch
        {
            Roles.Guide when caller.GuideId is not null => caller.StoreId,
            Roles.Staff => caller.StoreId,
            Roles.Admin => null,
            _ => throw GraphQLRequestError.NotAuthorized("list members without a guide or store in the token"),
        };
        if (caller.Is(Roles.Staff) && ownStore is null)
        {
            throw GraphQLRequestError.NotAuthorized("list members without a store in the token");
        }

        if (!caller.Is(Roles.Admin) && filter.StoreKey() is { } asked && asked != ownStore)
        {
            throw GraphQLRequestError.NotAuthorized("list another store's members");
        }
    }
}

public sealed class MemberConnectionType : ConnectionType<MemberType>
{
    public MemberConnectionType() => Description = "A page of members.";
}

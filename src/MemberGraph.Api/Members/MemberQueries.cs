using GraphQL.Types;
using MemberGraph.Auth;
using MemberGraph.GraphQL;
using MemberGraph.GraphQL.Authorization;

namespace MemberGraph.Members;

public sealed class MemberQueries : IQueryFields
{
    public void AddTo(QueryType query)
    {
        query.Field<MemberType>("me")
            .Description("The signed-in member.")
            .Authorize(Roles.Member)
            .ResolveAsync(async ctx =>
            {
                var id = ctx.Caller().MemberId ?? throw GraphQLRequestError.NotAuthorized("read a member without a member id in the token");
                return await ctx.MemberById().Load(id).GetResultAsync(ctx.CancellationToken);
            });
    }
}

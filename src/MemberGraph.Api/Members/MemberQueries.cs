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
            .Description("The signed-in member. A token of a member that was merged since answers with the member it was merged into.")
            .Authorize(Roles.Member)
            .ResolveAsync(async ctx =>
            {
                var id = ctx.Caller().MemberId ?? throw GraphQLRequestError.NotAuthorized("read a member without a member id in the token");
                var member = await ctx.MemberById().Load(id).GetResultAsync(ctx.CancellationToken);
                for (var hop = 0; member is { Status: MemberStatus.Merged, MergedIntoId: { } next } && hop < MemberChain.MaxHops; hop++)
                {
                    member = await ctx.MemberById().Load(next).GetResultAsync(ctx.CancellationToken);
                }

                if (member is not null && member.Id != id)
                {
                    MemberSelf.Vouch(ctx, member.Id);
                }

                return member;
            });
    }
}

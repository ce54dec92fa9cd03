using GraphQL;
using GraphQL.Types;
using MemberGraph.Auth;
using MemberGraph.GraphQL;
using MemberGraph.GraphQL.Authorization;
using MemberGraph.Members;

namespace MemberGraph.Privacy;

/// <summary><c>Member.consents</c>: the member themselves (the mini-program's consent page) and admins; anyone else who may read the member is refused at the field.</summary>
public sealed class ConsentMemberFields : IMemberFields
{
    public void AddTo(MemberType member) =>
        member.Field<MemberConsentsType>("consents")
            .Description("The member's consents now and their ledger (the member and admins). Null only where refused.")
            .Authorize(Roles.Member, Roles.Admin)
            .ResolveAsync(async ctx =>
            {
                if (!ctx.Caller().Is(Roles.Admin) && !await MemberSelf.IsSelfAsync(ctx, ctx.Source.Id))
                {
                    throw GraphQLRequestError.NotAuthorized("see another person's consents");
                }

                return new MemberConsents(ctx.Source.Id);
            });
}

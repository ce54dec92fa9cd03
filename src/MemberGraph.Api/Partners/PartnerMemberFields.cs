using GraphQL;
using GraphQL.Types;
using MemberGraph.Auth;
using MemberGraph.GraphQL;
using MemberGraph.GraphQL.Authorization;
using MemberGraph.GraphQL.DataLoaders;
using MemberGraph.GraphQL.Relay;
using MemberGraph.Members;

namespace MemberGraph.Partners;

/// <summary>
/// <c>Member.partnerConsents</c> and <c>Member.partnerConsentLedger</c>: the member themselves (the mini-program's
/// consent page) and admins; anyone else who may read the member gets AUTH_NOT_AUTHORIZED at the field.
/// </summary>
public sealed class PartnerMemberFields : IMemberFields
{
    public void AddTo(MemberType member)
    {
        member.Field<ListGraphType<NonNullGraphType<PartnerConsentType>>>("partnerConsents")
            .Description("The partners the member shares with now, per purpose, oldest first (the member and admins). " +
                         "Null only where refused.")
            .Authorize(Roles.Member, Roles.Admin)
            .ResolveAsync(async ctx =>
            {
                await EnsureSelfOrAdminAsync(ctx);
                return ctx.PartnerConsentsByMember().Load(ctx.Source.Id);
            });

        member.Field<PartnerConsentLedgerConnectionType>("partnerConsentLedger")
            .Description("Every grant and revocation of the member's partner consents, newest first (the member and admins). " +
                         "Null only where refused.")
            .Authorize(Roles.Member, Roles.Admin)
            .ResolveAsync(async ctx =>
            {
                await EnsureSelfOrAdminAsync(ctx);
                var page = PageRequest.From(ctx);
                var memberId = ctx.Source.Id;
                var count = ctx.WantsTotalCount() ? ctx.PartnerConsentLedgerCountByMember().Load(memberId) : null;
                return ctx.PartnerConsentLedgerByMember(page).Load(memberId).Then(async (rows, ct) =>
                    Connections.Build(rows, page, e => e.Id, count is null ? null : await count.GetResultAsync(ct)));
            })
            .FieldType.WithPagingArguments();
    }

    /// <summary>Awaits only for a member token whose member was merged since (the quick check says no).</summary>
    private static async Task EnsureSelfOrAdminAsync(IResolveFieldContext<Member> ctx)
    {
        if (!ctx.Caller().Is(Roles.Admin) && !await MemberSelf.IsSelfAsync(ctx, ctx.Source.Id))
        {
            throw GraphQLRequestError.NotAuthorized("see another person's partner consents");
        }
    }
}

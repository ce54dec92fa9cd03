using GraphQL;
using GraphQL.Types;
using MemberGraph.Auth;
using MemberGraph.Data;
using MemberGraph.GraphQL;
using MemberGraph.GraphQL.Authorization;
using MemberGraph.GraphQL.Relay;
using Microsoft.EntityFrameworkCore;

namespace MemberGraph.Partners;

/// <summary>
/// The partners a member can choose to share with: what the mini-program's consent page lists beside the member's live
/// consents (<c>me.partnerConsents</c> names only partners already consented to). Members read only <c>id</c> and
/// <c>name</c> of a <c>Partner</c>; its other fields stay admins'.
/// </summary>
public sealed class PartnerChoiceQueries : IQueryFields
{
    public void AddTo(QueryType query)
    {
        query.Field<NonNullGraphType<PartnerConnectionType>>("consentablePartners")
            .Description("The partner malls a member may share with now (grantPartnerConsent): the active ones, oldest first. Members read " +
                         "their id and name (members and admins; admins list every partner with partners).")
            .Authorize(Roles.Member, Roles.Admin)
            .ResolveAsync(async ctx =>
            {
                var page = PageRequest.From(ctx);
                await using var db = await ctx.Service<IDbContextFactory<MemberGraphDb>>().CreateDbContextAsync(ctx.CancellationToken);
                var active = db.Partners.AsNoTracking().Where(p => p.Status == PartnerStatus.Active);
                var rows = await active.Where(p => page.After == null || p.Id > page.After).OrderBy(p => p.Id).Take(page.First + 1)
                    .ToListAsync(ctx.CancellationToken);
                int? total = ctx.WantsTotalCount() ? await active.CountAsync(ctx.CancellationToken) : null;
                return Connections.Build(rows, page, p => p.Id, total);
            })
            .FieldType.WithPagingArguments();
    }
}

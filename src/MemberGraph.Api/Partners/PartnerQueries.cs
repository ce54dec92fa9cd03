using GraphQL;
using GraphQL.Types;
using MemberGraph.Auth;
using MemberGraph.Data;
using MemberGraph.Domain;
using MemberGraph.GraphQL;
using MemberGraph.GraphQL.Authorization;
using MemberGraph.GraphQL.Relay;
using Microsoft.EntityFrameworkCore;

namespace MemberGraph.Partners;

public sealed class PartnerQueries(PartnerMemberLookup lookup) : IQueryFields
{
    public void AddTo(QueryType query)
    {
        query.Field<NonNullGraphType<PartnerConnectionType>>("partners")
            .Description("Registered partners, oldest first (admins).")
            .Authorize(Roles.Admin)
            .ResolveAsync(async ctx =>
            {
                var page = PageRequest.From(ctx);
                await using var db = await ctx.Service<IDbContextFactory<MemberGraphDb>>().CreateDbContextAsync(ctx.CancellationToken);
                var all = db.Partners.AsNoTracking();
                var rows = await all.Where(p => page.After == null || p.Id > page.After).OrderBy(p => p.Id).Take(page.First + 1)
                    .ToListAsync(ctx.CancellationToken);
                int? total = ctx.WantsTotalCount() ? await all.CountAsync(ctx.CancellationToken) : null;
                return Connections.Build(rows, page, p => p.Id, total);
            })
            .FieldType.WithPagingArguments();

        query.Field<NonNullGraphType<PartnerConsentLedgerConnectionType>>("partnerConsentLedger")
            .Description("A member's partner consent ledger, newest first (admins; members read their own as me.partnerConsentLedger). " +
                         "An unknown member has an empty ledger.")
            .Argument<NonNullGraphType<IdGraphType>>("memberId", "The member (global id or plain key).")
            .Authorize(Roles.Admin)
            .ResolveAsync(async ctx =>
            {
                var memberId = GlobalId.TryDecode(ctx.GetArgument<string>("memberId"), "Member")
                               ?? throw GraphQLRequestError.BadInput("memberId is not a member id.");
                var page = PageRequest.From(ctx);
                await using var db = await ctx.Service<IDbContextFactory<MemberGraphDb>>().CreateDbContextAsync(ctx.CancellationToken);
                var ledger = db.PartnerConsentLedger.AsNoTracking().Where(e => e.MemberId == memberId);
                var rows = await ledger.Where(e => page.After == null || e.Id < page.After).OrderByDescending(e => e.Id).Take(page.First + 1)
                    .ToListAsync(ctx.CancellationToken);
                int? total = ctx.WantsTotalCount() ? await ledger.CountAsync(ctx.CancellationToken) : null;
                return Connections.Build(rows, page, e => e.Id, total);
            })
            .FieldType.WithPagingArguments();

        query.Field<PartnerMemberType>("partnerMemberLookup")
            .Description("Partners: the member showing this member code (the mini-program's QR code), or with this phone number, as this " +
                         "partner knows them — only while they consent to it for some purpose. An unknown member, one who does not " +
                         "consent, or one who revoked is null, all alike. Exactly one of memberCode and phone (else BAD_USER_INPUT); an " +
                         "expired or forged code is MEMBER_CODE_EXPIRED or MEMBER_CODE_INVALID; a token whose secret was rotated or whose " +
                         "partner is suspended is AUTH_NOT_AUTHENTICATED. Any partner scope will do (a token with only points:exchange " +
                         "finds the member too); the benefit fields then need their own.")
            .Argument<StringGraphType>("memberCode", "The dynamic member code the member shows (valid about a minute).")
            .Argument<StringGraphType>("phone", "A mainland mobile number, 11 digits (no +86).")
            .Authorize(Roles.Partner)
            .RequireScope([.. PartnerScopes.All])
            .ResolveAsync(async ctx => await lookup.FindAsync(ctx.Caller(), ctx.GetArgument<string?>("memberCode"), ctx.GetArgument<string?>("phone"),
                ctx.CancellationToken));
    }
}

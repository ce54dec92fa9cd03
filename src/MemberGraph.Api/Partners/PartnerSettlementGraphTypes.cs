using GraphQL.Types;
using MemberGraph.Auth;
using MemberGraph.Data;
using MemberGraph.Domain;
using MemberGraph.GraphQL;
using MemberGraph.GraphQL.Authorization;
using MemberGraph.GraphQL.Relay;
using Microsoft.EntityFrameworkCore;

namespace MemberGraph.Partners;

public sealed class PartnerSettlementType : ObjectGraphType<PartnerSettlement>
{
    public PartnerSettlementType()
    {
        Name = "PartnerSettlement";
        Description = "One partner's business day (China time) for reconciliation (对账): what it wrote off, what members bought from it with " +
                      "points (the brand owes the partner for these), and the points it credited (the partner owes the brand for these).";
        this.ReadableBy(Roles.Partner);
        Field<NonNullGraphType<IdGraphType>>("partnerId").Description("The partner.").Resolve(ctx => GlobalId.Encode("Partner", ctx.Source.PartnerId));
        Field<NonNullGraphType<DateGraphType>>("date").Description("The business day.")
            .Resolve(ctx => ctx.Source.Date.ToDateTime(TimeOnly.MinValue)); // the Date scalar serialises DateTime
        Field(s => s.Redemptions).Description("Benefits the partner wrote off.");
        Field(s => s.Exchanges).Description("Benefits members bought with points.");
        Field(s => s.PointsExchanged, type: typeof(NonNullGraphType<LongGraphType>)).Description("Brand points those exchanges cost the members.");
        Field(s => s.Credits).Description("Credits of partner points.");
        Field(s => s.PointsCredited, type: typeof(NonNullGraphType<LongGraphType>)).Description("Brand points those credits added.");
        Field(s => s.PartnerPointsCredited, type: typeof(NonNullGraphType<LongGraphType>)).Description("The partner's points those credits converted.");
        Field<NonNullGraphType<PartnerTransactionConnectionType>>("transactions")
            .Description("The day's transactions, oldest first.")
            .ResolveAsync(async ctx =>
            {
                var page = PageRequest.From(ctx);
                await using var db = await ctx.Service<IDbContextFactory<MemberGraphDb>>().CreateDbContextAsync(ctx.CancellationToken);
                var day = PartnerSettlements.Transactions(db, ctx.Source.PartnerId, ctx.Source.Date);
                var rows = await day.Where(t => page.After == null || t.Id > page.After).OrderBy(t => t.Id).Take(page.First + 1)
                    .ToListAsync(ctx.CancellationToken);
                int? total = ctx.WantsTotalCount() ? await day.CountAsync(ctx.CancellationToken) : null;
                return Connections.Build(rows, page, t => t.Id, total);
            })
            .FieldType.WithPagingArguments();
    }
}

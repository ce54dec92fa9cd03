using GraphQL;
using GraphQL.Types;
using GraphQL.Types.Relay;
using MemberGraph.Data;
using MemberGraph.GraphQL;
using MemberGraph.GraphQL.DataLoaders;
using MemberGraph.GraphQL.Lists;
using MemberGraph.GraphQL.Relay;
using MemberGraph.Guides;
using Microsoft.EntityFrameworkCore;

namespace MemberGraph.Commission;

/// <summary><c>Guide.commission</c> and <c>Guide.commissionLines</c>: for the guide, staff of the guide's store and admins.</summary>
public sealed class CommissionGuideFields : IGuideFields
{
    public void AddTo(GuideType guide)
    {
        guide.Field<NonNullGraphType<GuideCommissionType>>("commission")
            .Description("The guide's running commission (today, this month, pending, settled). For the guide, staff of the guide's store and admins.")
            .Resolve(ctx =>
            {
                CommissionAccess.EnsureCanRead(ctx.Caller(), ctx.Source);
                var book = ctx.Service<CommissionBook>();
                var guideId = ctx.Source.Id;
                return ctx.CommissionTotalsByGuide().Load(guideId).Then(row => book.View(guideId, row));
            });

        guide.Field<NonNullGraphType<ConnectionType<CommissionLineType>>>("commissionLines")
            .Description("The guide's commission lines, newest first unless `order` says otherwise. For the guide, staff of the guide's store and admins.")
            .Argument<CommissionLineFilterInputType>("where", "Conditions on the lines (a period, a status).")
            .Argument<ListGraphType<NonNullGraphType<CommissionLineSortInputType>>>("order",
                $"Sort by these keys in turn (at most {SortCatalog<CommissionLine>.MaxTerms}); ties, and no order, go newest line first.")
            .ResolveAsync(async ctx =>
            {
                CommissionAccess.EnsureCanRead(ctx.Caller(), ctx.Source);
                var page = ListPage<CommissionLine>.From(ctx, CommissionLineList.Sorts);
                await using var db = await ctx.Service<IDbContextFactory<MemberGraphDb>>().CreateDbContextAsync(ctx.CancellationToken);
                var lines = CommissionLineList.Filtered(db, ctx.Source.Id, ctx.GetArgument<CommissionLineFilter?>("where") ?? new CommissionLineFilter());
                int? total = ctx.WantsTotalCount() ? await lines.CountAsync(ctx.CancellationToken) : null;
                var rows = await page.Order.Page(db, lines, page.After, page.Take).ToListAsync(ctx.CancellationToken);
                return page.Connection(rows, total);
            })
            .FieldType.WithPagingArguments();
    }
}

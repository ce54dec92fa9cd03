using GraphQL;
using GraphQL.Types;
using GraphQL.Types.Relay;
using MemberGraph.Data;
using MemberGraph.GraphQL;
using MemberGraph.GraphQL.DataLoaders;
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
            .Description("The guide's commission lines, newest first. For the guide, staff of the guide's store and admins.")
            .ResolveAsync(async ctx =>
            {
                CommissionAccess.EnsureCanRead(ctx.Caller(), ctx.Source);
                var page = PageRequest.From(ctx);
                var guideId = ctx.Source.Id;
                await using var db = await ctx.Service<IDbContextFactory<MemberGraphDb>>().CreateDbContextAsync(ctx.CancellationToken);
                var query = db.CommissionLines.AsNoTracking().Where(l => l.GuideId == guideId);
                int? total = ctx.WantsTotalCount() ? await query.CountAsync(ctx.CancellationToken) : null;
                if (page.After is { } after)
                {
                    query = query.Where(l => l.Id < after);
                }

                var rows = await query.OrderByDescending(l => l.Id).Take(page.First + 1).ToListAsync(ctx.CancellationToken);
                return Connections.Build(rows, page, l => l.Id, total);
            })
            .FieldType.WithPagingArguments();
    }
}

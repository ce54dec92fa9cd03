using MemberGraph.Audit;
using MemberGraph.Auth;
using MemberGraph.Commission;
using MemberGraph.Data;
using MemberGraph.Guides;
using MemberGraph.Members;
using MemberGraph.Orders;
using Microsoft.EntityFrameworkCore;

namespace MemberGraph.Seeding;

/// <summary>
/// This month's guide sales: guides' customers buy at the till with their guide's code, recorded through
/// <see cref="OrderService"/> (so points, attribution, commission lines and the guide's running totals agree), and one
/// customer's transfer to a colleague is pending the way <see cref="CustomerTransferService"/> starts one.
/// </summary>
internal sealed class DemoGuideSales(IDbContextFactory<MemberGraphDb> factory, OrderService orders, CommissionRules commission, AuditLog audit)
{
    private static readonly Caller Till = new("demo-seed:pos", Roles.Ingestion, null, null, null, null, new HashSet<string>());

    private static readonly RecordOrderLine[][] Baskets =
    [
        [new("IMP-CHERRY-500G", ProductCategory.ImportedFruit, 2, 15_800), new("JUICE-ORANGE", ProductCategory.Juice, 1, 1_800)],
        [new("GIFT-IMPORT-DELUXE", ProductCategory.GiftBox, 1, 29_800)],
        [new("DOM-APPLE-1KG", ProductCategory.DomesticFruit, 2, 3_600), new("CUT-MIX-BOX", ProductCategory.CutFruit, 1, 2_800)],
    ];

    public async Task RecordAsync(IReadOnlyList<DemoStoreTeam> teams, IReadOnlyList<DemoCustomer> customers, DateTime now, CancellationToken ct)
    {
        var monthStart = commission.StartOf(commission.BusinessMonth(now));
        var carded = await CardHoldersAsync(customers, ct);
        var recorded = new List<long>();
        foreach (var team in teams)
        {
            for (var g = 0; g < team.Guides.Count; g++)
            {
                var guide = team.Guides[g];
                var buyers = customers.Where(c => c.GuideId == guide.Id && carded.Contains(c.MemberId)).Select(c => c.MemberId).Distinct()
                    .Take(g == 0 ? Baskets.Length : 1).ToList();
                for (var i = 0; i < buyers.Count; i++)
                {
                    var paidAt = Max(monthStart.AddMinutes(1), now.AddMinutes(-3 + i));
                    var lines = Baskets[(g + i) % Baskets.Length];
                    var command = new RecordOrderCommand(SalesChannel.Pos, $"POS-{team.StoreCode}-DEMO{g + 1}{i + 1:00}",
                        [new OrderIdentity(IdentityChannel.WechatOpenid, $"oMG{buyers[i]:000000000}")], team.StoreId, guide.GuideCode, null, lines, lines.Sum(l => l.AmountCents), paidAt);
                    var outcome = await orders.RecordAsync(command, Till, ct);
                    if (!outcome.Succeeded)
                    {
                        throw new InvalidOperationException($"Demo seed: order {command.ChannelOrderId} was refused: {outcome.Error!.Message}");
                    }

                    recorded.Add(outcome.Value!.Order.Id);
                }
            }
        }

        await NameProductsAsync(recorded, ct);
    }

    /// <summary>
    /// The buyers are customers who already hold a card (tier 1 or above): regulars buying from their guide. Every tier
    /// above 0 then stays one the bulk seed gave (its TierChange says so); an order may still lift a card holder higher.
    /// </summary>
    private async Task<HashSet<long>> CardHoldersAsync(IReadOnlyList<DemoCustomer> customers, CancellationToken ct)
    {
        var ids = customers.Select(c => c.MemberId).Distinct().ToList();
        await using var db = await factory.CreateDbContextAsync(ct);
        return (await db.MemberTiers.AsNoTracking().Where(t => ids.Contains(t.MemberId) && t.Level >= 1).Select(t => t.MemberId).ToListAsync(ct)).ToHashSet();
    }

    /// <summary>The till sends SKUs only; the demo's lines carry the names the receipts print.</summary>
    private async Task NameProductsAsync(List<long> orderIds, CancellationToken ct)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        foreach (var (sku, name) in DemoProducts.Names)
        {
            await db.OrderLines.Where(l => orderIds.Contains(l.OrderId) && l.Sku == sku && l.ProductName == null)
                .ExecuteUpdateAsync(s => s.SetProperty(l => l.ProductName, name), ct);
        }
    }

    /// <summary>
    /// The first store's lead guide hands a WeCom customer to a colleague (在职继承). WeCom completes the takeover in
    /// 24 h, so the transfer is pending: written as <see cref="CustomerTransferService"/> writes it before asking WeCom.
    /// </summary>
    public async Task StartTransferAsync(IReadOnlyList<DemoStoreTeam> teams, IReadOnlyList<DemoCustomer> customers, DateTime now, CancellationToken ct)
    {
        if (teams.Count == 0 || teams[0].Guides.Count < 2)
        {
            return;
        }

        var (from, to) = (teams[0].Guides[0], teams[0].Guides[1]);
        if (customers.LastOrDefault(c => c.GuideId == from.Id && c.ExternalUserId is not null) is not { } customer)
        {
            return;
        }

        await using var db = await factory.CreateDbContextAsync(ct);
        var transfer = new CustomerTransfer
        {
            MemberId = customer.MemberId, FromGuideId = from.Id, ToGuideId = to.Id, Kind = CustomerTransferKind.OnJob, Status = CustomerTransferStatus.Pending,
            ExternalUserId = customer.ExternalUserId, Reason = "调整服务门店分工 / rebalancing the store's customers", RequestedBy = DemoGuideCustomers.Operator.Subject,
            RequestedAt = now, DueAt = now + CustomerTransferService.TakeoverDelay,
        };
        db.CustomerTransfers.Add(transfer);
        audit.Record(db, DemoGuideCustomers.Operator, "guide.transfer.requested", $"Member:{transfer.MemberId}",
            $"{transfer.Kind} from guide {transfer.FromGuideId} to {transfer.ToGuideId}: {transfer.Reason}");
        await db.SaveChangesAsync(ct);
    }

    private static DateTime Max(DateTime a, DateTime b) => a > b ? a : b;
}

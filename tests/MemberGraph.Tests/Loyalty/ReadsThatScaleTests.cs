using MemberGraph.Data;
using MemberGraph.Members;
using MemberGraph.Orders;
using MemberGraph.Points;
using MemberGraph.Tests.Infrastructure;
using MemberGraph.Tiers;

namespace MemberGraph.Tests.Loyalty;

/// <summary>Every relation batches: a page of 100 members costs the same SQL commands as a page of 10.</summary>
public sealed class ReadsThatScaleTests : IAsyncLifetime
{
    private const string Page = """
        query($first: Int!) {
          members(first: $first) {
            edges { node {
              id
              points { balance pending expiringSoon { amount } }
              tier { level name growth }
              orders(first: 3) { totalCount edges { node { id paidAmountCents lines { sku } refunds { refundId } } } }
            } }
          }
        }
        """;

    private GatewayHost _gateway = null!;

    public async Task InitializeAsync()
    {
        _gateway = await GatewayHost.StartAsync();
        await SeedAsync(120);
    }

    public async Task DisposeAsync() => await _gateway.DisposeAsync();

    [Fact]
    public async Task A_page_of_100_members_costs_the_same_sql_commands_as_a_page_of_10()
    {
        // given
        var admin = new TestData(_gateway).AdminToken();
        var counter = _gateway.Service<SqlCommandCounter>();
        await _gateway.GraphQLAsync(Page, new { first = 1 }, admin); // warm-up: compiled queries, connection pool

        // when
        var before10 = counter.Count;
        var ten = await _gateway.GraphQLAsync(Page, new { first = 10 }, admin);
        var commands10 = counter.Count - before10;
        var before100 = counter.Count;
        var hundred = await _gateway.GraphQLAsync(Page, new { first = 100 }, admin);
        var commands100 = counter.Count - before100;

        // then
        Assert.Equal(10, ten.OkData()["members"]!["edges"]!.AsArray().Count);
        var edges = hundred.OkData()["members"]!["edges"]!.AsArray();
        Assert.Equal(100, edges.Count);
        Assert.All(edges, e => Assert.Equal(3, e!["node"]!["orders"]!["edges"]!.AsArray().Count));
        Assert.All(edges, e => Assert.Equal(4, e!["node"]!["orders"]!["totalCount"]!.GetValue<int>()));
        Assert.All(edges, e => Assert.Equal(1, e!["node"]!["tier"]!["level"]!.GetValue<int>()));
        Assert.All(edges, e => Assert.Equal(400, e!["node"]!["points"]!["balance"]!.GetValue<long>()));
        Assert.Equal(commands10, commands100);
        Assert.True(commands100 <= 16, $"{commands100} SQL commands for one page");
    }

    /// <summary>Members with four orders each (one refunded in part), a points account and a tier.</summary>
    private async Task SeedAsync(int members)
    {
        await using var db = _gateway.Db();
        var now = DateTime.UtcNow;
        for (var m = 0; m < members; m++)
        {
            var member = new Member { DisplayName = $"M{m}", CreatedAt = now, TouchedAt = now };
            db.Members.Add(member);
            await db.SaveChangesAsync();
            for (var o = 0; o < 4; o++)
            {
                var order = new Order
                {
                    Channel = SalesChannel.Pos, ChannelOrderId = $"S-{m}-{o}", MemberId = member.Id, PaidAmountCents = 30_000, PaidAt = now.AddDays(-o - 10),
                    RecordedAt = now, PointsEarned = 100, ContentHash = "seed",
                    Lines = [new OrderLine { LineNumber = 1, Sku = "SKU", Category = ProductCategory.GiftBox, Quantity = 1, AmountCents = 30_000, PaidShareCents = 30_000, Points = 100 }],
                };
                if (o == 0)
                {
                    order.Refunds.Add(new OrderRefund { RefundId = "r", Kind = RefundKind.Amount, AmountCents = 100, RefundedAt = now, ContentHash = "seed",
                        Lines = [new OrderRefundLine { LineNumber = 1, AmountCents = 100 }] });
                }

                db.Orders.Add(order);
                db.PointsLots.Add(new PointsLot { MemberId = member.Id, Earned = 100, Remaining = 100, EarnedAt = now, AvailableAt = now, ExpiresAt = now.AddDays(30), Status = PointsLotStatus.Available });
                db.PointsEntries.Add(new PointsEntry { MemberId = member.Id, Kind = PointsEntryKind.Earn, Amount = 100, Reason = "seed", SourceKind = PointsSourceKind.Order, IdempotencyKey = $"seed-{o}", At = now });
            }

            db.PointsAccounts.Add(new PointsAccount { MemberId = member.Id, Balance = 400 });
            db.MemberTiers.Add(new MemberTier { MemberId = member.Id, Level = 1, Since = now });
        }

        await db.SaveChangesAsync();
    }
}

using MemberGraph.Commission;
using MemberGraph.Orders;
using MemberGraph.Tests.Infrastructure;

namespace MemberGraph.Tests.Commission;

/// <summary><c>Guide.commissionLines(where:, order:)</c>: a guide's commission by period and status, sorted by date or amount, one statement a page.</summary>
public sealed class CommissionLineListTests(GatewayFixture fixture) : IClassFixture<GatewayFixture>
{
    private const string Lines = """
        query ($where: CommissionLineFilter, $order: [CommissionLineSort!], $first: Int, $after: String) {
          myGuide { commissionLines(where: $where, order: $order, first: $first, after: $after) { pageInfo { hasNextPage endCursor } edges { node { sku } } } }
        }
        """;

    private GatewayHost Gateway { get; } = fixture.Gateway;

    [Fact]
    public async Task Lines_filter_by_period_and_status()
    {
        // given
        var token = await GuideWithLinesAsync();

        // when / then: January in China time, newest line first
        Assert.Equal(["l3", "l2", "l1"], await SkusAsync(token, new { earnedAt = new { gte = "2026-01-01T00:00:00+08:00", lt = "2026-02-01T00:00:00+08:00" } }));
        Assert.Equal(["l5", "l3", "l1"], await SkusAsync(token, new { status = new { eq = "PENDING" } }));
        Assert.Equal(["l4", "l2"], await SkusAsync(token, new { status = new { @in = new[] { "SETTLED", "CLAWED_BACK" } } }));
    }

    [Theory]
    [InlineData("earnedAt", "ASC", "l1 l2 l3 l4 l5")] // l2 and l3 earned together (tie: oldest first)
    [InlineData("amountCents", "DESC", "l5 l3 l2 l1 l4")] // l2 and l3 earned 500 each (tie: newest first)
    public async Task Sorted_pages_hold_every_line_once_in_order(string key, string direction, string expected)
    {
        // given
        var token = await GuideWithLinesAsync();

        // when
        var paged = await ListPages.WalkAsync(Gateway, Lines, after => new { order = new[] { new Dictionary<string, string> { [key] = direction } }, first = 2, after },
            token, d => d["myGuide"]!["commissionLines"]!, n => n["sku"]!.GetValue<string>());

        // then
        Assert.Equal(expected.Split(' '), paged);
    }

    [Fact]
    public async Task A_page_of_lines_is_one_statement()
    {
        // given
        var token = await GuideWithLinesAsync();
        var variables = new { where = new { earnedAt = new { gte = "2026-01-01T00:00:00Z" }, status = new { @in = new[] { "PENDING", "SETTLED" } } }, order = new[] { new { amountCents = "DESC" } }, first = 2 };

        // when
        var baseline = await ListPages.StatementsAsync(Gateway, "{ myGuide { id } }", null, token);
        var first = await ListPages.StatementsAsync(Gateway, Lines, variables, token);
        var cursor = await ListPages.EndCursorAsync(Gateway, Lines, variables, token, d => d["myGuide"]!["commissionLines"]!);
        var second = await ListPages.StatementsAsync(Gateway, Lines, new { variables.where, variables.order, variables.first, after = cursor }, token);

        // then
        Assert.Equal(baseline + 1, first);
        Assert.Equal(baseline + 1, second);
    }

    [Fact]
    public async Task Bad_input_is_refused_with_a_code()
    {
        // given
        var token = await GuideWithLinesAsync();
        var byDate = await ListPages.EndCursorAsync(Gateway, Lines, new { order = new[] { new { earnedAt = "ASC" } }, first = 1 }, token,
            d => d["myGuide"]!["commissionLines"]!);

        // when / then
        Assert.Equal("PAGE_SIZE_EXCEEDED", (await Gateway.GraphQLAsync(Lines, new { first = 101 }, token)).FirstErrorCode);
        Assert.Equal("BAD_USER_INPUT", (await Gateway.GraphQLAsync(Lines, new { where = new { status = new { @in = Enumerable.Repeat("PENDING", 101) } } }, token)).FirstErrorCode);
        Assert.Equal("BAD_USER_INPUT", (await Gateway.GraphQLAsync(Lines, new { order = new[] { new { earnedAt = "ASC", amountCents = "DESC" } } }, token)).FirstErrorCode);
        Assert.Equal("INVALID_CURSOR", (await Gateway.GraphQLAsync(Lines, new { order = new[] { new { amountCents = "ASC" } }, after = byDate }, token)).FirstErrorCode);
    }

    /// <summary>
    /// A guide's lines: l1 300 pending (Jan 3); l2 500 settled and l3 500 pending (both Jan 10); l4 100 clawed back (Feb 1, 10:00 China time);
    /// l5 800 pending (Feb 2).
    /// </summary>
    private async Task<string> GuideWithLinesAsync()
    {
        var data = new TestData(Gateway);
        var store = await data.StoreAsync();
        var guide = await data.GuideAsync(store.Id);
        var member = await data.MemberAsync();
        var order = await data.OrderAsync(member.Id, store.Id, new DateTime(2026, 1, 3, 0, 0, 0, DateTimeKind.Utc), amountCents: 10_000);
        await using var db = Gateway.Db();
        var lineNumber = 0;
        foreach (var (sku, cents, status, earned) in new[]
                 {
                     ("l1", 300L, CommissionStatus.Pending, new DateTime(2026, 1, 3, 2, 0, 0, DateTimeKind.Utc)),
                     ("l2", 500L, CommissionStatus.Settled, new DateTime(2026, 1, 10, 2, 0, 0, DateTimeKind.Utc)),
                     ("l3", 500L, CommissionStatus.Pending, new DateTime(2026, 1, 10, 2, 0, 0, DateTimeKind.Utc)),
                     ("l4", 100L, CommissionStatus.ClawedBack, new DateTime(2026, 2, 1, 2, 0, 0, DateTimeKind.Utc)),
                     ("l5", 800L, CommissionStatus.Pending, new DateTime(2026, 2, 2, 2, 0, 0, DateTimeKind.Utc)),
                 })
        {
            var line = new OrderLine { OrderId = order.Id, LineNumber = ++lineNumber, Sku = sku, Category = ProductCategory.ImportedFruit, Quantity = 1, AmountCents = 2000, PaidShareCents = 2000 };
            db.OrderLines.Add(line);
            await db.SaveChangesAsync();
            db.CommissionLines.Add(new CommissionLine
            {
                OrderId = order.Id, OrderLineId = line.Id, LineNumber = line.LineNumber, GuideId = guide.Id, StoreId = store.Id, Sku = sku,
                Category = ProductCategory.ImportedFruit, Rule = "test", BaseCents = 2000, AmountCents = cents, Status = status, EarnedAt = earned,
                ClawedBackCents = status == CommissionStatus.ClawedBack ? cents : 0,
            });
            await db.SaveChangesAsync();
        }

        return data.GuideToken(guide);
    }

    private async Task<List<string>> SkusAsync(string token, object where) =>
        (await Gateway.GraphQLAsync(Lines, new { where, first = 100 }, token)).OkData()["myGuide"]!["commissionLines"]!["edges"]!.AsArray()
            .Select(e => e!["node"]!["sku"]!.GetValue<string>()).ToList();
}

using System.Text.Json.Nodes;
using MemberGraph.Auth;
using MemberGraph.Domain;
using MemberGraph.Points;
using Microsoft.EntityFrameworkCore;

namespace MemberGraph.Tests.Infrastructure;

/// <summary>
/// Orders, refunds and points through /graphql, plus ledger checks straight from the database. Orders are recorded by
/// an operator (admin) token unless a test gives another: the tests need the buyer's id back, which a channel
/// integration's token may not read (see <c>IngestionAuthorizationTests</c>).
/// </summary>
public sealed class LoyaltyApi(GatewayHost gateway)
{
    public const string RecordOrderMutation = $$"""
        mutation($input: RecordOrderInput!) {
          recordOrder(input: $input) {
            replayed
            order { {{OrderReadBack}} member { id } }
            errors { code message field }
          }
        }
        """;

    /// <summary>What a channel integration reads back of an order it recorded: the order, never its buyer.</summary>
    public const string OrderReadBack =
        "id channel channelOrderId status paidAmountCents refundedAmountCents pointsEarned storeId guideCode shareParameter attributedGuideId " +
        "lines { lineNumber sku category quantity paidShareCents points }";

    public const string RefundOrderMutation = """
        mutation($input: RefundOrderInput!) {
          refundOrder(input: $input) {
            replayed
            order { id status refundedAmountCents lines { lineNumber refundedQuantity refundedCents } }
            refund { refundId kind amountCents pointsCancelled pointsDeducted pointsShortfall lines { lineNumber quantity amountCents } }
            errors { code message field }
          }
        }
        """;

    public const string RedeemMutation = """
        mutation($input: RedeemPointsInput!) {
          redeemPoints(input: $input) { replayed balance entry { kind amount balanceAfter reason source { kind id } } errors { code message field } }
        }
        """;

    public string IngestionToken() => gateway.Token(new TokenSubject(Roles.Ingestion));

    public string OperatorToken() => gateway.Token(new TokenSubject(Roles.Admin));

    public static object Line(string sku, string category, int quantity, long amountCents) =>
        new { sku, category, quantity, amountCents };

    /// <summary>An order input; the buyer is known by one POS card unless identities are given.</summary>
    public static Dictionary<string, object?> Order(string channelOrderId, string buyer, long paidAmountCents, object[]? lines = null, DateTime? paidAt = null,
        string channel = "POS", string? storeId = null, object[]? identities = null) => new()
    {
        ["channel"] = channel,
        ["channelOrderId"] = channelOrderId,
        ["identities"] = identities ?? [new { channel = "POS_CARD", externalId = buyer }],
        ["storeId"] = storeId,
        ["lines"] = lines ?? [Line("SKU-APPLE", "DOMESTIC_FRUIT", 1, paidAmountCents)],
        ["paidAmountCents"] = paidAmountCents,
        ["paidAt"] = (paidAt ?? DateTime.UtcNow.AddMinutes(-1)).ToString("O"),
    };

    /// <summary>Records an order; <paramref name="orderSelection"/> replaces what is read back of it (the buyer's id included by default).</summary>
    public async Task<GraphQLResponse> RecordAsync(object input, string? token = null, string? orderSelection = null) =>
        await gateway.GraphQLAsync(orderSelection is null ? RecordOrderMutation : RecordOrderDocument(orderSelection), new { input }, token ?? OperatorToken());

    public static string RecordOrderDocument(string orderSelection) => $$"""
        mutation($input: RecordOrderInput!) { recordOrder(input: $input) { replayed order { {{orderSelection}} } errors { code message field } } }
        """;

    /// <summary>Records an order that must succeed; returns the payload's order.</summary>
    public async Task<JsonNode> RecordOkAsync(object input, string? token = null)
    {
        var payload = (await RecordAsync(input, token)).OkData()["recordOrder"]!;
        Assert.True(payload["errors"]!.AsArray().Count == 0, payload.ToJsonString());
        return payload["order"]!;
    }

    public async Task<GraphQLResponse> RefundAsync(object input, string? token = null) =>
        await gateway.GraphQLAsync(RefundOrderMutation, new { input }, token ?? OperatorToken());

    public async Task<JsonNode> RefundOkAsync(object input, string? token = null)
    {
        var payload = (await RefundAsync(input, token)).OkData()["refundOrder"]!;
        Assert.True(payload["errors"]!.AsArray().Count == 0, payload.ToJsonString());
        return payload;
    }

    public async Task<GraphQLResponse> RedeemAsync(long memberId, long amount, string key, string reason = "test redemption") =>
        await gateway.GraphQLAsync(RedeemMutation, new { input = new { amount, reason, idempotencyKey = key } }, new TestData(gateway).MemberToken(memberId));

    public static long MemberKey(JsonNode order) => GlobalId.TryDecode(order["member"]!["id"]!.GetValue<string>(), "Member")!.Value;

    public static long OrderKey(JsonNode order) => GlobalId.TryDecode(order["id"]!.GetValue<string>(), "Order")!.Value;

    /// <summary>The member's totals as the account, the ledger and the lots each tell them; all three must agree.</summary>
    public async Task<PointsTotals> TotalsAsync(long memberId)
    {
        await using var db = gateway.Db();
        var account = await db.PointsAccounts.AsNoTracking().FirstOrDefaultAsync(a => a.MemberId == memberId) ?? new PointsAccount();
        var ledgerBalance = await db.PointsEntries.Where(e => e.MemberId == memberId).SumAsync(e => e.Amount);
        var ledgerPending = await db.PointsEntries.Where(e => e.MemberId == memberId).SumAsync(e => e.PendingChange);
        var lotsBalance = await db.PointsLots.Where(l => l.MemberId == memberId && l.Status == PointsLotStatus.Available).SumAsync(l => l.Remaining);
        var lotsPending = await db.PointsLots.Where(l => l.MemberId == memberId && l.Status == PointsLotStatus.Pending).SumAsync(l => l.Remaining);
        return new PointsTotals(account.Balance, account.Pending, ledgerBalance, ledgerPending, lotsBalance, lotsPending);
    }

    public async Task<int> AuditCountAsync(string operation, string? target = null)
    {
        await using var db = gateway.Db();
        return await db.AuditEntries.CountAsync(a => a.Operation == operation && (target == null || a.Target == target));
    }
}

public sealed record PointsTotals(long Balance, long Pending, long LedgerBalance, long LedgerPending, long LotsBalance, long LotsPending)
{
    /// <summary>Asserts the account, the ledger and the lots agree, and returns the balance.</summary>
    public long Consistent()
    {
        Assert.Equal(Balance, LedgerBalance);
        Assert.Equal(Balance, LotsBalance);
        Assert.Equal(Pending, LedgerPending);
        Assert.Equal(Pending, LotsPending);
        Assert.True(Balance >= 0 && Pending >= 0);
        return Balance;
    }
}

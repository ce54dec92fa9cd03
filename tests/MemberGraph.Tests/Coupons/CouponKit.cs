using System.Text.Json.Nodes;
using MemberGraph.Coupons;
using MemberGraph.Domain;
using MemberGraph.Members;
using MemberGraph.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace MemberGraph.Tests.Coupons;

/// <summary>The GraphQL documents and builders the coupon tests share: every change goes through /graphql.</summary>
internal sealed class CouponKit(GatewayHost gateway)
{
    public const string CouponFields = "id code status source issuedAt validFrom validUntil reservedForOrderRef redeemedAt redeemedOrderRef redeemedDiscountCents redeemedStore { id } template { id name }";

    public const string Define = """
        mutation ($input: DefineCouponTemplateInput!) {
          defineCouponTemplate(input: $input) {
            couponTemplate { id name kind totalStock issued remaining perMemberLimit thresholdCents status claimable pointsPrice
              value { kind amountOffCents discountRate giftSku giftDescription } validity { from until daysAfterIssue }
              usableStores { id } usableChannels }
            errors { code message field }
          }
        }
        """;

    public const string Claim = $$"""
        mutation ($templateId: ID!) { claimCoupon(input: { templateId: $templateId }) { coupon { {{CouponFields}} } errors { code message field } } }
        """;

    public const string Send = $$"""
        mutation ($templateId: ID!, $memberId: ID!) { sendCoupon(input: { templateId: $templateId, memberId: $memberId }) { coupon { {{CouponFields}} } errors { code message field } } }
        """;

    public const string Exchange = $$"""
        mutation ($templateId: ID!, $key: String!) { exchangePointsForCoupon(input: { templateId: $templateId, idempotencyKey: $key }) { coupon { {{CouponFields}} } errors { code message field } } }
        """;

    public const string Reserve = $$"""
        mutation ($input: ReserveCouponInput!) { reserveCoupon(input: $input) { coupon { {{CouponFields}} } errors { code message field } } }
        """;

    public const string Release = $$"""
        mutation ($input: ReleaseCouponInput!) { releaseCoupon(input: $input) { coupon { {{CouponFields}} } errors { code message field } } }
        """;

    public const string Redeem = $$"""
        mutation ($input: RedeemCouponInput!) { redeemCoupon(input: $input) { coupon { {{CouponFields}} } errors { code message field } } }
        """;

    public TestData Data { get; } = new(gateway);

    public string AdminToken => Data.AdminToken();

    /// <summary>Defines a template as an admin: by default 满100减15, IN_STORE, 30 days, stock 100, limit 1; <paramref name="configure"/> changes the input.</summary>
    public async Task<string> TemplateAsync(Action<Dictionary<string, object?>>? configure = null)
    {
        var input = new Dictionary<string, object?>
        {
            ["name"] = "满100减15",
            ["kind"] = "IN_STORE",
            ["value"] = new Dictionary<string, object?> { ["amountOffCents"] = 1500 },
            ["thresholdCents"] = 10000,
            ["validity"] = new Dictionary<string, object?> { ["daysAfterIssue"] = 30 },
            ["totalStock"] = 100,
            ["perMemberLimit"] = 1,
        };
        configure?.Invoke(input);
        var payload = (await gateway.GraphQLAsync(Define, new { input }, AdminToken)).OkData()["defineCouponTemplate"]!;
        Assert.True(payload["errors"]!.AsArray().Count == 0, payload.ToJsonString());
        return payload["couponTemplate"]!["id"]!.GetValue<string>();
    }

    public static long Key(string globalId) => GlobalId.TryDecode(globalId, out _, out var key) ? key : throw new ArgumentException(globalId);

    public static string MemberId(long id) => GlobalId.Encode("Member", id);

    public static string StoreId(long id) => GlobalId.Encode("Store", id);

    public Task<GraphQLResponse> ClaimAsync(string templateId, long memberId) =>
        gateway.GraphQLAsync(Claim, new { templateId }, Data.MemberToken(memberId));

    /// <summary>Claims and asserts it worked; returns the coupon.</summary>
    public async Task<JsonNode> ClaimedAsync(string templateId, long memberId)
    {
        var payload = (await ClaimAsync(templateId, memberId)).OkData()["claimCoupon"]!;
        Assert.True(payload["errors"]!.AsArray().Count == 0, payload.ToJsonString());
        return payload["coupon"]!;
    }

    public Task<GraphQLResponse> RedeemAsync(string code, long orderAmountCents, string orderRef, string token, string? storeId = null, string? channel = null) =>
        gateway.GraphQLAsync(Redeem, new { input = new { code, orderAmountCents, orderRef, storeId, channel } }, token);

    /// <summary>Members created in one unit of work (for the concurrency tests).</summary>
    public async Task<List<long>> MembersAsync(int count)
    {
        await using var db = gateway.Db();
        var members = Enumerable.Range(0, count)
            .Select(_ => new Member { DisplayName = $"Member {TestData.Next()}", CreatedAt = DateTime.UtcNow, TouchedAt = DateTime.UtcNow })
            .ToList();
        db.Members.AddRange(members);
        await db.SaveChangesAsync();
        return members.ConvertAll(m => m.Id);
    }

    public async Task<int> IssuedAsync(string templateId)
    {
        await using var db = gateway.Db();
        var key = Key(templateId);
        return await db.CouponTemplates.Where(t => t.Id == key).Select(t => t.Issued).SingleAsync();
    }

    public async Task<List<Coupon>> CouponsOfAsync(string templateId)
    {
        await using var db = gateway.Db();
        var key = Key(templateId);
        return await db.Coupons.AsNoTracking().Where(c => c.TemplateId == key).ToListAsync();
    }

    public async Task<List<Audit.AuditEntry>> AuditAsync(string operation)
    {
        await using var db = gateway.Db();
        return await db.AuditEntries.AsNoTracking().Where(a => a.Operation == operation).OrderBy(a => a.Id).ToListAsync();
    }

    /// <summary>Test set-up only: moves a coupon's window (the gateway's clock is the real one).</summary>
    public async Task SetWindowAsync(string couponId, DateTime from, DateTime until)
    {
        await using var db = gateway.Db();
        var key = Key(couponId);
        await db.Coupons.Where(c => c.Id == key).ExecuteUpdateAsync(s => s.SetProperty(c => c.ValidFrom, from).SetProperty(c => c.ValidUntil, until));
    }
}

internal static class PayloadExtensions
{
    public static JsonNode Payload(this GraphQLResponse response, string field) => response.OkData()[field]!;

    public static string? ErrorCode(this JsonNode payload) => payload["errors"]!.AsArray().FirstOrDefault()?["code"]?.GetValue<string>();

    public static string Str(this JsonNode node, string name) => node[name]!.GetValue<string>();
}

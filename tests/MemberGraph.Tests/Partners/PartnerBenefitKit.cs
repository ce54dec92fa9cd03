using MemberGraph.Auth;
using MemberGraph.Partners;
using MemberGraph.Tests.Coupons;
using MemberGraph.Tests.Infrastructure;

namespace MemberGraph.Tests.Partners;

/// <summary>What the partner benefit tests share: partners registered with a known client id, their PARTNER templates, the documents.</summary>
internal sealed class PartnerBenefitKit(GatewayHost gateway)
{
    public const string Redeem = """
        mutation ($code: String!, $txn: String!) {
          redeemPartnerBenefit(input: { code: $code, transactionId: $txn }) {
            transaction { kind transactionId memberId benefitName points partnerPoints at businessDate } replayed errors { code field message }
          }
        }
        """;

    public const string Credit = """
        mutation ($member: ID!, $txn: String!, $points: Long!) {
          creditPartnerPoints(input: { memberId: $member, transactionId: $txn, partnerPoints: $points }) {
            transaction { kind transactionId memberId points partnerPoints } balance replayed errors { code field message }
          }
        }
        """;

    public const string Exchange = """
        mutation ($templateId: ID!, $key: String!) {
          exchangePointsForPartnerBenefit(input: { templateId: $templateId, idempotencyKey: $key }) {
            coupon { id code status source template { id name } } errors { code field message }
          }
        }
        """;

    public const string Settlement = """
        query ($partnerId: ID!, $date: Date!) {
          partnerSettlement(partnerId: $partnerId, date: $date) {
            partnerId date redemptions exchanges pointsExchanged credits pointsCredited partnerPointsCredited
            transactions(first: 50) { totalCount edges { node { kind transactionId memberId benefitName points partnerPoints } } }
          }
        }
        """;

    public PartnerKit Partners { get; } = new(gateway);
    public CouponKit Coupons { get; } = new(gateway);
    public TestData Data => Partners.Data;

    /// <summary>Registers a partner with this client id (so configuration can name it) and every scope; signs it in.</summary>
    public async Task<(RegisteredPartner Partner, string Token)> PartnerAsync(string clientId, params PartnerScope[] scopes)
    {
        var admin = new Caller("test-admin", Roles.Admin, null, null, null, null, new HashSet<string>());
        var secret = $"test-secret-{clientId}-0123456789";
        PartnerScope[] held = scopes.Length > 0 ? scopes : [PartnerScope.BenefitsRead, PartnerScope.BenefitsRedeem, PartnerScope.PointsExchange];
        var input = new RegisterPartnerInput { Name = $"商场 {clientId}", Scopes = [.. held] };
        var registered = await gateway.Service<PartnerService>().RegisterAsync(admin, input, clientId, secret, CancellationToken.None);
        var partner = registered.Value!.Partner;
        var entry = new RegisteredPartner(global::MemberGraph.Domain.GlobalId.Encode("Partner", partner.Id), partner.Id, clientId, secret);
        return (entry, await Partners.TokenAsync(entry));
    }

    /// <summary>A PARTNER template of the partner (claimable, or sold for <paramref name="pointsPrice"/> points).</summary>
    public Task<string> BenefitAsync(RegisteredPartner partner, long? pointsPrice = null, int stock = 100, int perMemberLimit = 1) =>
        Coupons.TemplateAsync(t =>
        {
            t["name"] = pointsPrice is null ? "商场 满200减30" : "商场 2小时停车";
            t["kind"] = "PARTNER";
            t["partnerId"] = partner.Id;
            t["thresholdCents"] = 0;
            t["totalStock"] = stock;
            t["perMemberLimit"] = perMemberLimit;
            if (pointsPrice is not null)
            {
                t["claimable"] = false;
                t["pointsPrice"] = pointsPrice;
            }
        });

    /// <summary>The member's pairwise id for the partner, as the partner finds them by phone.</summary>
    public async Task<string> PairwiseIdAsync(string partnerToken, string phone) =>
        (await Partners.ByPhoneAsync(partnerToken, phone)).OkData()["partnerMemberLookup"]!["id"]!.GetValue<string>();

    public Task<GraphQLResponse> RedeemAsync(string token, string code, string txn) => gateway.GraphQLAsync(Redeem, new { code, txn }, token);

    public Task<GraphQLResponse> CreditAsync(string token, string member, string txn, long points) =>
        gateway.GraphQLAsync(Credit, new { member, txn, points }, token);

    public Task<GraphQLResponse> ExchangeAsync(long memberId, string templateId, string key) =>
        gateway.GraphQLAsync(Exchange, new { templateId, key }, Data.MemberToken(memberId));

    /// <summary>Today's business day in China time, as the settlement stamps it.</summary>
    public static string Today => DateOnly.FromDateTime(DateTime.UtcNow.AddHours(8)).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
}

using MemberGraph.Data;
using System.Text.Json;
using MemberGraph.Auth;
using MemberGraph.Domain;
using MemberGraph.Guides;
using MemberGraph.Members;
using MemberGraph.Tests.Infrastructure;
using MemberGraph.Tests.Members;
using MemberGraph.Tests.Partners;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace MemberGraph.Tests.Privacy;

/// <summary>
/// A gateway as in Development (the Tencent sandbox signs members in) on a clock the test moves, and one member with
/// everything erasure touches: signed in with an openid, registered with a phone, a WeCom external user id, birthday and
/// home location, marketing consent, the exclusive customer of a guide (who tagged them), an order at the guide's store
/// with the guide's code (points and commission) and a partial refund, a claimed coupon, and a consent to a partner.
/// </summary>
internal sealed class ErasureWorld : IAsyncDisposable
{
    private ErasureWorld(GatewayHost gateway, MutableTimeProvider clock)
    {
        Gateway = gateway;
        Clock = clock;
        Kit = new PrivacyKit(gateway);
    }

    public GatewayHost Gateway { get; }
    public MutableTimeProvider Clock { get; }
    public PrivacyKit Kit { get; }
    public TestData Data => Kit.Data;

    public long MemberId { get; private set; }
    public string MemberToken { get; private set; } = "";
    public string OpenId { get; private set; } = "";
    public string Phone { get; private set; } = "";
    public string ExternalUserId { get; private set; } = "";
    public Guide Guide { get; private set; } = null!;
    public string OrderId { get; private set; } = "";
    public RegisteredPartner Partner { get; private set; } = null!;

    public string GuideToken => Data.GuideToken(Guide);
    public string StaffToken => Data.StaffToken(Guide.StoreId);
    public string AdminToken => Data.AdminToken();
    public string PartnerToken => Gateway.Token(new TokenSubject(Roles.Partner, PartnerId: Partner.Key, Scope: "benefits:read points:exchange"));
    public string MemberGlobalId => GlobalId.Encode("Member", MemberId);

    public static async Task<ErasureWorld> StartAsync(IDictionary<string, string?>? settings = null, DatabaseKind database = DatabaseKind.Sqlite)
    {
        var clock = new MutableTimeProvider();
        var all = new Dictionary<string, string?>
        {
            ["environment"] = "Development",
            ["Tencent:Sandbox"] = "true", // signInWithWeChat with "sandbox:<openid>", bindPhone with "sandbox:<phone>"
            ["WeChat:BaseUrl"] = null,
            ["WeCom:BaseUrl"] = null,
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            all[key] = value;
        }

        return new ErasureWorld(await GatewayHost.StartAsync(all, services: s => s.AddSingleton<TimeProvider>(clock), database: database), clock);
    }

    /// <summary>Builds the member and their world (see the class).</summary>
    public async Task<ErasureWorld> WithMemberAsync()
    {
        var n = TestData.Next();
        OpenId = $"oErase{n:00000000}";
        Phone = $"139{n % 100_000_000:00000000}";
        ExternalUserId = $"wmErase{n:00000000}";
        (MemberId, var signedIn) = await SignInSteps.SignedInAsync(Gateway, $"sandbox:{OpenId}");
        var bound = await SignInSteps.BindPhoneAsync(Gateway, signedIn, $"sandbox:{Phone}");
        Assert.True(bound["errors"]!.AsArray().Count == 0, bound.ToJsonString());
        MemberToken = bound["token"]!.GetValue<string>();

        var store = await Data.StoreAsync();
        Guide = await Data.GuideAsync(store.Id);
        await Data.RelationshipAsync(MemberId, Guide.Id);
        await using (var db = Gateway.Db())
        {
            db.Identities.Add(new Identity { MemberId = MemberId, Channel = IdentityChannel.WecomExternalUserid, ExternalId = ExternalUserId, LinkedAt = DateTime.UtcNow });
            await db.Members.Where(m => m.Id == MemberId).ExecuteUpdateAsync(s => s
                .SetProperty(m => m.Birthday, new DateOnly(1990, 5, 20))
                .SetProperty(m => m.Gender, Gender.Female)
                .SetProperty(m => m.HomeLatitude, 31.2)
                .SetProperty(m => m.HomeLongitude, 121.5)
                .SetProperty(m => m.MarketingConsent, true)
                .SetProperty(m => m.AddedGuideOnWeCom, true));
            await db.SaveChangesAsync();
        }

        await OkAsync($"mutation {{ defineTag(input: {{ key: \"erase_{n}\", name: \"VIP {n}\", kind: MANUAL }}) {{ errors {{ code }} }} }}", AdminToken, "defineTag");
        await OkAsync($"mutation {{ tagMember(input: {{ key: \"erase_{n}\", memberId: \"{MemberGlobalId}\" }}) {{ errors {{ code }} }} }}", GuideToken, "tagMember");

        var order = LoyaltyApi.Order($"ERASE-{n}", "unused", 20_000, storeId: GlobalId.Encode("Store", store.Id),
            identities: [new { channel = "PHONE", externalId = Phone }]);
        order["guideCode"] = Guide.GuideCode;
        var loyalty = new LoyaltyApi(Gateway);
        OrderId = (await loyalty.RecordOkAsync(order))["id"]!.GetValue<string>();
        await loyalty.RefundOkAsync(new { orderId = OrderId, refundId = $"ERASE-R{n}", amountCents = 5_000L });

        var template = await new Coupons.CouponKit(Gateway).TemplateAsync();
        await new Coupons.CouponKit(Gateway).ClaimedAsync(template, MemberId);

        var partners = new PartnerKit(Gateway);
        Partner = await partners.RegisterAsync();
        await partners.GrantAsync(MemberId, Partner.Id);
        return this;
    }

    /// <summary>The financial records of the member and the guide, as JSON, for a before/after comparison.</summary>
    public async Task<string> FinancialRecordsAsync()
    {
        await using var db = Gateway.Db();
        var orders = await db.Orders.AsNoTracking().Where(o => o.MemberId == MemberId).OrderBy(o => o.Id)
            .Select(o => new { o.Id, o.PaidAmountCents, o.RefundedAmountCents, o.Status, o.PointsEarned, o.AttributedGuideId }).ToListAsync();
        var ledger = await db.PointsEntries.AsNoTracking().Where(e => e.MemberId == MemberId).OrderBy(e => e.Id)
            .Select(e => new { e.Id, e.Kind, e.Amount, e.PendingChange, e.BalanceAfter }).ToListAsync();
        var account = await db.PointsAccounts.AsNoTracking().Where(a => a.MemberId == MemberId).Select(a => new { a.Balance, a.Pending }).SingleAsync();
        var coupons = await db.Coupons.AsNoTracking().Where(c => c.MemberId == MemberId).OrderBy(c => c.Id).Select(c => new { c.Id, c.Code, c.Status }).ToListAsync();
        var commission = await db.CommissionLines.AsNoTracking().Where(l => l.GuideId == Guide.Id).OrderBy(l => l.Id)
            .Select(l => new { l.Id, l.OrderId, l.AmountCents, l.ClawedBackCents, l.Status }).ToListAsync();
        var totals = await db.GuideCommissionTotals.AsNoTracking().Where(t => t.GuideId == Guide.Id)
            .Select(t => new { t.MonthCents, t.PendingCents, t.SettledCents, t.ClawedBackCents }).ToListAsync();
        return JsonSerializer.Serialize(new { orders, ledger, account, coupons, commission, totals });
    }

    public async Task OkAsync(string document, string token, string field)
    {
        var payload = (await Gateway.GraphQLAsync(document, token: token)).OkData()[field]!;
        Assert.True(payload["errors"]!.AsArray().Count == 0, payload.ToJsonString());
    }

    public async ValueTask DisposeAsync() => await Gateway.DisposeAsync();
}

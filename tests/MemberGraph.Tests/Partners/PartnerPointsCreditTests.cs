using MemberGraph.Data;
using MemberGraph.Points;
using MemberGraph.Tests.Coupons;
using MemberGraph.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace MemberGraph.Tests.Partners;

/// <summary>
/// creditPartnerPoints: a partner's points become brand points at its configured rate, for consenting members only, once
/// per transaction id (also under parallel replays), within the daily caps per member and in all (also under parallel
/// credits); the ledger stays exact.
/// </summary>
public abstract class PartnerPointsCreditTests(DatabaseKind database) : IAsyncLifetime
{
    public sealed class OnSqlite() : PartnerPointsCreditTests(DatabaseKind.Sqlite);

    public sealed class OnPostgres() : PartnerPointsCreditTests(DatabaseKind.Postgres);

    private GatewayHost _gateway = null!;

    public async Task InitializeAsync() => _gateway = await GatewayHost.StartAsync(new Dictionary<string, string?>
    {
        // 10 mall points make one point; at most 500 points a member and 1,000 in all a day
        ["Partners:PointsCredit:credit-mall:PartnerPointsPerPoint"] = "10",
        ["Partners:PointsCredit:credit-mall:DailyCapPerMember"] = "500",
        ["Partners:PointsCredit:credit-mall:DailyCap"] = "1000",
    }, database: database);

    public async Task DisposeAsync() => await _gateway.DisposeAsync();

    private async Task<(PartnerBenefitKit Kit, RegisteredPartner Mall, string Token)> MallAsync(string clientId = "credit-mall")
    {
        var kit = new PartnerBenefitKit(_gateway);
        var (mall, token) = await kit.PartnerAsync(clientId);
        return (kit, mall, token);
    }

    private static async Task<(long Id, string PairwiseId)> ConsentingMemberAsync(PartnerBenefitKit kit, RegisteredPartner mall, string token)
    {
        var (member, phone) = await kit.Partners.MemberAsync();
        await kit.Partners.GrantAsync(member, mall.Id, "POINTS_EXCHANGE");
        return (member, await kit.PairwiseIdAsync(token, phone));
    }

    [Fact]
    public async Task Mall_points_become_available_points_at_the_rate_once_per_transaction_id()
    {
        // given
        var (kit, mall, token) = await MallAsync();
        var (member, pairwise) = await ConsentingMemberAsync(kit, mall, token);

        // when: 1,234 mall points, then the same credit again
        var first = (await kit.CreditAsync(token, pairwise, "MALL-1", 1_234)).Payload("creditPartnerPoints");
        var replay = (await kit.CreditAsync(token, pairwise, "MALL-1", 1_234)).Payload("creditPartnerPoints");

        // then: 123 points (rounded down), available at once, in the ledger with source PARTNER
        Assert.Empty(first["errors"]!.AsArray());
        Assert.Equal((123L, 1_234L, "POINTS_CREDIT", pairwise), (first["transaction"]!["points"]!.GetValue<long>(),
            first["transaction"]!["partnerPoints"]!.GetValue<long>(), first["transaction"]!.Str("kind"), first["transaction"]!.Str("memberId")));
        Assert.Equal((123L, false), (first["balance"]!.GetValue<long>(), first["replayed"]!.GetValue<bool>()));
        Assert.Equal((123L, true), (replay["balance"]!.GetValue<long>(), replay["replayed"]!.GetValue<bool>()));
        var totals = await new LoyaltyApi(_gateway).TotalsAsync(member);
        Assert.Equal(123, totals.Consistent());
        await using var db = _gateway.Db();
        var entry = await db.PointsEntries.SingleAsync(e => e.MemberId == member);
        Assert.Equal((PointsEntryKind.Earn, PointsSourceKind.Partner, 123L), (entry.Kind, entry.SourceKind, entry.Amount));
        Assert.Equal($"商场 credit-mall积分转入（1234 积分）", entry.Reason);
    }

    [Fact]
    public async Task Twenty_parallel_replays_of_one_credit_credit_it_once()
    {
        // given
        var (kit, mall, token) = await MallAsync();
        var (member, pairwise) = await ConsentingMemberAsync(kit, mall, token);

        // when
        var answers = await Task.WhenAll(Enumerable.Range(0, 20).Select(_ => kit.CreditAsync(token, pairwise, "MALL-PAR", 2_000)));

        // then: 200 points once; every answer is that credit
        var payloads = answers.Select(a => a.Payload("creditPartnerPoints")).ToList();
        Assert.All(payloads, p => Assert.Equal("[]", p["errors"]!.ToJsonString())); // the refusal, if any, in full
        Assert.Equal(1, payloads.Count(p => !p["replayed"]!.GetValue<bool>()));
        Assert.Equal(200, (await new LoyaltyApi(_gateway).TotalsAsync(member)).Consistent());
        await using var db = _gateway.Db();
        Assert.Equal(1, await db.PartnerTransactions.CountAsync(t => t.MemberId == member));
        Assert.Equal(1, await db.PointsEntries.CountAsync(e => e.MemberId == member));
    }

    [Fact]
    public async Task Parallel_credits_to_one_member_stop_exactly_at_the_daily_cap()
    {
        // given
        var (kit, mall, token) = await MallAsync();
        var (member, pairwise) = await ConsentingMemberAsync(kit, mall, token);

        // when: twelve different credits of 50 points each at once (600 > the 500 cap)
        var answers = await Task.WhenAll(Enumerable.Range(0, 12).Select(i => kit.CreditAsync(token, pairwise, $"MALL-CAP-{i}", 500)));

        // then: exactly ten pass, two are refused, the ledger holds 500
        var codes = answers.Select(a => a.Payload("creditPartnerPoints").ErrorCode()).ToList();
        Assert.Equal(10, codes.Count(c => c is null));
        Assert.All(codes.Where(c => c is not null), c => Assert.Equal("PARTNER_DAILY_CAP_REACHED", c));
        Assert.Equal(500, (await new LoyaltyApi(_gateway).TotalsAsync(member)).Consistent());
        await using var db = _gateway.Db();
        Assert.Equal(500, await db.PartnerDailyCredits.Where(c => c.MemberId == member).Select(c => c.Points).SingleAsync());
    }

    [Fact]
    public async Task The_partners_daily_cap_in_all_holds_across_members()
    {
        // given: three consenting members
        var (kit, mall, token) = await MallAsync();
        var members = new List<(long Id, string PairwiseId)>();
        for (var i = 0; i < 3; i++)
        {
            members.Add(await ConsentingMemberAsync(kit, mall, token));
        }

        // when: 400 points to each at once (1,200 > the 1,000 cap in all)
        var answers = await Task.WhenAll(members.Select((m, i) => kit.CreditAsync(token, m.PairwiseId, $"MALL-ALL-{i}", 4_000)));

        // then: two pass, the third is refused, naming the cap in all
        var refused = Assert.Single(answers.Select(a => a.Payload("creditPartnerPoints")), p => p.ErrorCode() is not null);
        Assert.Equal("PARTNER_DAILY_CAP_REACHED", refused.ErrorCode());
        Assert.Contains("1000 points a day in all", refused["errors"]![0]!.Str("message"));
        var loyalty = new LoyaltyApi(_gateway);
        var balances = new List<long>();
        foreach (var (id, _) in members)
        {
            balances.Add((await loyalty.TotalsAsync(id)).Consistent());
        }

        Assert.Equal(800, balances.Sum());
    }

    [Fact]
    public async Task Without_consent_the_same_id_reused_or_a_partner_without_a_rate_nothing_is_credited()
    {
        // given
        var (kit, mall, token) = await MallAsync();
        var (member, pairwise) = await ConsentingMemberAsync(kit, mall, token);
        var (_, otherToken) = await kit.PartnerAsync($"no-rate-{TestData.Next()}");
        await kit.CreditAsync(token, pairwise, "MALL-USED", 100);
        var (benefitsOnly, benefitsPhone) = await kit.Partners.MemberAsync();
        await kit.Partners.GrantAsync(benefitsOnly, mall.Id, "BENEFITS");
        var benefitsPairwise = await kit.PairwiseIdAsync(token, benefitsPhone);

        // when
        var noConsent = (await kit.CreditAsync(token, benefitsPairwise, "MALL-B", 100)).Payload("creditPartnerPoints");
        var unknown = (await kit.CreditAsync(token, "NOSUCHPAIRWISEID00000000", "MALL-U", 100)).Payload("creditPartnerPoints");
        var reused = (await kit.CreditAsync(token, pairwise, "MALL-USED", 200)).Payload("creditPartnerPoints");
        var tooSmall = (await kit.CreditAsync(token, pairwise, "MALL-S", 9)).Payload("creditPartnerPoints");
        var noRate = (await kit.CreditAsync(otherToken, pairwise, "MALL-R", 100)).Payload("creditPartnerPoints");
        var readOnly = await kit.Partners.TokenAsync(mall, "benefits:read");
        var noScope = await kit.CreditAsync(readOnly, pairwise, "MALL-Q", 100);

        // then
        Assert.Equal("PARTNER_CONSENT_REQUIRED", noConsent.ErrorCode());
        Assert.Equal(noConsent["errors"]!.ToJsonString(), unknown["errors"]!.ToJsonString());
        Assert.Equal("IDEMPOTENCY_CONFLICT", reused.ErrorCode());
        Assert.Equal("INVALID_INPUT", tooSmall.ErrorCode());
        Assert.Equal("PARTNER_CREDIT_NOT_CONFIGURED", noRate.ErrorCode());
        Assert.Equal("AUTH_NOT_AUTHORIZED", noScope.FirstErrorCode);
        var loyalty = new LoyaltyApi(_gateway);
        Assert.Equal(10, (await loyalty.TotalsAsync(member)).Consistent());
        Assert.Equal(0, (await loyalty.TotalsAsync(benefitsOnly)).Consistent());
    }
}

using MemberGraph.Members;
using MemberGraph.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace MemberGraph.Tests.Points;

public sealed class EarnRulesTests : IAsyncLifetime
{
    private GatewayHost _gateway = null!;
    private LoyaltyApi _api = null!;

    public async Task InitializeAsync()
    {
        _gateway = await GatewayHost.StartAsync(new Dictionary<string, string?>
        {
            ["Points:DefaultPointsPerYuan"] = "1",
            ["Points:Rates:0:Category"] = "GiftBox",
            ["Points:Rates:0:PointsPerYuan"] = "2",
            ["Points:Rates:1:Category"] = "Juice",
            ["Points:Rates:1:PointsPerYuan"] = "0.5",
            ["Points:Rates:2:Channel"] = "Tmall",
            ["Points:Rates:2:PointsPerYuan"] = "0.8",
            ["Points:Rates:3:Channel"] = "Pos",
            ["Points:Rates:3:Category"] = "CutFruit",
            ["Points:Rates:3:PointsPerYuan"] = "3",
            ["Points:BirthdayMonthMultiplier"] = "2",
            ["Points:BusinessUtcOffsetHours"] = "8",
        });
        _api = new LoyaltyApi(_gateway);
    }

    public async Task DisposeAsync() => await _gateway.DisposeAsync();

    [Fact]
    public async Task Each_line_earns_at_the_most_specific_rate_of_its_channel_and_category()
    {
        // when
        var pos = await _api.RecordOkAsync(LoyaltyApi.Order("POS-E1", "CARD-E1", 14_000, lines:
        [
            LoyaltyApi.Line("GIFT-1", "GIFT_BOX", 1, 10_000),       // category rate 2/yuan     -> 200
            LoyaltyApi.Line("JUICE-1", "JUICE", 1, 1_000),          // category rate 0.5/yuan   -> 5
            LoyaltyApi.Line("CUT-1", "CUT_FRUIT", 1, 2_000),        // POS + cut fruit 3/yuan   -> 60
            LoyaltyApi.Line("PEAR-1", "DOMESTIC_FRUIT", 1, 1_000),  // default 1/yuan           -> 10
        ]));
        var tmall = await _api.RecordOkAsync(LoyaltyApi.Order("TM-E2", "CARD-E2", 20_000, channel: "TMALL", lines:
        [
            LoyaltyApi.Line("PEAR-2", "DOMESTIC_FRUIT", 1, 10_000), // Tmall channel rate 0.8   -> 80
            LoyaltyApi.Line("GIFT-2", "GIFT_BOX", 1, 10_000),       // category beats channel    -> 200
        ]));

        // then
        Assert.Equal(new long[] { 200, 5, 60, 10 }, pos["lines"]!.AsArray().Select(l => l!["points"]!.GetValue<long>()));
        Assert.Equal(275, pos["pointsEarned"]!.GetValue<long>());
        Assert.Equal(new long[] { 80, 200 }, tmall["lines"]!.AsArray().Select(l => l!["points"]!.GetValue<long>()));
    }

    [Fact]
    public async Task Orders_paid_in_the_birthday_month_earn_the_multiplier()
    {
        // given: paid at 20:00 UTC, which is already the next day in China; the birthday month is China's month
        var paidAt = DateTime.UtcNow.Date.AddDays(-1).AddHours(20);
        var businessMonth = paidAt.AddHours(8).Month;
        var data = new TestData(_gateway);
        var birthdayMember = await data.MemberAsync(identities: (IdentityChannel.PosCard, "CARD-BDAY"));
        var otherMember = await data.MemberAsync(identities: (IdentityChannel.PosCard, "CARD-OTHER"));
        await using (var db = _gateway.Db())
        {
            await db.Members.Where(m => m.Id == birthdayMember.Id).ExecuteUpdateAsync(s => s.SetProperty(m => m.Birthday, new DateOnly(1990, businessMonth, 28)));
            await db.Members.Where(m => m.Id == otherMember.Id).ExecuteUpdateAsync(s => s.SetProperty(m => m.Birthday, new DateOnly(1990, businessMonth % 12 + 1, 1)));
        }

        // when
        var birthday = await _api.RecordOkAsync(LoyaltyApi.Order("POS-B1", "CARD-BDAY", 5_050, paidAt: paidAt));
        var ordinary = await _api.RecordOkAsync(LoyaltyApi.Order("POS-B2", "CARD-OTHER", 5_050, paidAt: paidAt));

        // then: 50.50 yuan -> 50.5 points, doubled to 101 (rounded down after the multiplier)
        Assert.Equal(101, birthday["pointsEarned"]!.GetValue<long>());
        Assert.Equal(50, ordinary["pointsEarned"]!.GetValue<long>());
    }
}

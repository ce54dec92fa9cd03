using MemberGraph.Coupons;
using MemberGraph.Tests.Infrastructure;

namespace MemberGraph.Tests.Coupons;

public sealed class CouponCodeTests
{
    [Fact]
    public void Codes_are_16_characters_of_the_typable_alphabet_and_unique_over_many()
    {
        // when
        var codes = Enumerable.Range(0, 100_000).Select(_ => CouponCode.NewCode()).ToList();

        // then
        Assert.All(codes, c => Assert.Matches("^[0-9ABCDEFGHJKMNPQRSTVWXYZ]{16}$", c));
        Assert.Equal(codes.Count, codes.Distinct().Count());
    }

    [Fact]
    public void Codes_carry_80_random_bits_every_symbol_in_every_position_is_used_evenly()
    {
        // given: 32 symbols × 16 positions; with 64,000 codes each (position, symbol) is expected 2,000 times
        var counts = new int[CouponCode.Length, 32];
        const int n = 64_000;

        // when
        for (var i = 0; i < n; i++)
        {
            var code = CouponCode.NewCode();
            for (var p = 0; p < CouponCode.Length; p++)
            {
                counts[p, CouponCode.Alphabet.IndexOf(code[p])]++;
            }
        }

        // then: a fixed or low-entropy position (e.g. a prefix or a counter) would leave symbols unused or skewed
        for (var p = 0; p < CouponCode.Length; p++)
        {
            for (var s = 0; s < 32; s++)
            {
                Assert.InRange(counts[p, s], 1_700, 2_300);
            }
        }
    }

    [Theory]
    [InlineData("7qxm-2k9d-ht4b-w0rc", "7QXM2K9DHT4BW0RC")]
    [InlineData("7QXM 2K9D HT4B WORC", "7QXM2K9DHT4BW0RC")]
    [InlineData("7QXM2K9DHT4BWlRC", "7QXM2K9DHT4BW1RC")]
    public void Typed_codes_are_read_forgivingly(string typed, string stored) =>
        Assert.Equal(stored, CouponCode.Normalize(typed));

    [Theory]
    [InlineData("7QXM-2K9D-HT4B")]
    [InlineData("7QXM-2K9D-HT4B-W0RC-AAAA")]
    [InlineData("7QXM-2K9D-HT4B-W0R!")]
    [InlineData("UUUU-2K9D-HT4B-W0RC")]
    public void Malformed_codes_are_not_codes(string typed) => Assert.Null(CouponCode.Normalize(typed));

    [Fact]
    public async Task Codes_issued_through_the_gateway_are_distinct_and_formatted_for_people()
    {
        // given
        await using var gateway = await GatewayHost.StartAsync();
        var kit = new CouponKit(gateway);
        var templateId = await kit.TemplateAsync(t => { t["totalStock"] = 1000; t["perMemberLimit"] = 100; });
        var member = await kit.Data.MemberAsync();

        // when
        var codes = new List<string>();
        for (var i = 0; i < 60; i++)
        {
            codes.Add((await kit.ClaimedAsync(templateId, member.Id)).Str("code"));
        }

        // then
        Assert.All(codes, c => Assert.Matches("^([0-9A-HJKMNP-TV-Z]{4}-){3}[0-9A-HJKMNP-TV-Z]{4}$", c));
        Assert.Equal(60, codes.Distinct().Count());
    }
}

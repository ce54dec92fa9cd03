using MemberGraph.Members;

namespace MemberGraph.Core.Tests.Members;

/// <summary>What staff see of a member's phone and external ids, and why such masked values never come back as identities.</summary>
public sealed class MaskingTests
{
    [Theory]
    [InlineData("13812341234", "138****1234")]
    [InlineData("12345678", "123****5678")]     // 8 characters: the shortest shown in part (nothing hidden but the middle)
    [InlineData("1234567", "*******")]          // shorter: all hidden
    [InlineData("", "")]
    [InlineData("+8613812341234", "+86****1234")]
    public void Phones_keep_their_first_three_and_last_four_digits(string phone, string shown) =>
        Assert.Equal(shown, Masking.Phone(phone));

    [Fact]
    public void No_phone_shows_nothing()
    {
        Assert.Null(Masking.Phone(null));
    }

    [Theory]
    [InlineData("oAbCdEfGhIjKxYz", "oAb***xYz")]
    [InlineData("abcdefg", "abc***efg")]        // 7: the shortest shown in part
    [InlineData("abcdef", "******")]            // 6 or fewer: all hidden
    [InlineData("a", "*")]
    public void External_ids_keep_their_first_and_last_three_characters(string id, string shown) =>
        Assert.Equal(shown, Masking.ExternalId(id));

    [Theory]
    [InlineData(IdentityChannel.Phone, "13812341234", null)]
    [InlineData(IdentityChannel.Phone, "19912341234", null)]
    [InlineData(IdentityChannel.Phone, "138****1234", "masked")]
    [InlineData(IdentityChannel.WechatOpenid, "oAb***xYz", "masked")]
    [InlineData(IdentityChannel.Phone, "12812341234", "mainland mobile")]  // 12x is not a mobile prefix
    [InlineData(IdentityChannel.Phone, "1381234123", "mainland mobile")]   // 10 digits
    [InlineData(IdentityChannel.Phone, "+8613812341234", "mainland mobile")]
    [InlineData(IdentityChannel.Phone, "138 1234 1234", "mainland mobile")]
    [InlineData(IdentityChannel.Phone, "１３８１２３４１２３４", "mainland mobile")] // full-width digits are not ASCII digits
    [InlineData(IdentityChannel.PosCard, "CARD-1", null)]                  // other channels take any unmasked text
    [InlineData(IdentityChannel.PosCard, "   ", "empty")]
    public void A_masked_blank_or_malformed_value_cannot_be_an_identity(IdentityChannel channel, string value, string? problem)
    {
        var found = IdentityValue.Problem(channel, value);

        if (problem is null)
        {
            Assert.Null(found);
        }
        else
        {
            Assert.Contains(problem, found, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void External_ids_longer_than_128_characters_are_refused()
    {
        Assert.Null(IdentityValue.Problem(IdentityChannel.PosCard, new string('x', 128)));
        Assert.Equal("The external id has more than 128 characters.", IdentityValue.Problem(IdentityChannel.PosCard, new string('x', 129)));
    }
}

using System.Text;
using MemberGraph.Auth;
using MemberGraph.Members;
using Microsoft.Extensions.Options;

namespace MemberGraph.Core.Tests.Members;

/// <summary>
/// The dynamic member code: 20 bytes (version 1 ‖ member id, 6 bytes ‖ expiry, 4 bytes ‖ 9 bytes of HMAC) as 32 Crockford
/// base32 characters. The clock stands at Unix 305,419,836 so that a 60-second code expires at 0x12345678, which makes
/// the layout readable in the code's characters.
/// </summary>
public sealed class MemberCodeTests
{
    private const long Start = 305_419_836;
    private readonly FixedClock _clock = new(DateTimeOffset.FromUnixTimeSeconds(Start));

    private MemberCodeService Service(string key = "membergraph-core-tests-signing-key-0123456789", double lifetimeSeconds = 60) =>
        new(new SigningKey(Encoding.UTF8.GetBytes(key)),
            Options.Create(new AuthOptions { MemberCodeLifetime = TimeSpan.FromSeconds(lifetimeSeconds) }),
            _clock);

    [Fact]
    public void The_code_spells_out_version_member_id_and_expiry_before_its_signature()
    {
        // 01 00000000 | 0001 123456 | 78 ... in 5-bit groups: "04000000", "000H4D2P", then 'F' from 0x78 = 01111 000
        var code = Service().Issue(1);

        Assert.Equal("04000000000H4D2PF", code.Code[..17]);
        Assert.Equal(32, code.Code.Length);
        Assert.Equal(DateTimeOffset.FromUnixTimeSeconds(0x12345678), code.ExpiresAt);
    }

    [Fact]
    public void The_largest_member_id_fills_all_six_bytes()
    {
        // 2^48 - 1: 01 FFFFFFFF | FFFF 123456 -> "07ZZZZZZ", "ZZZH4D2P"
        Assert.Equal("07ZZZZZZZZZH4D2P", Service().Issue((1L << 48) - 1).Code[..16]);
    }

    [Theory]
    [InlineData(0L)]
    [InlineData(-1L)]
    [InlineData(1L << 48)]
    public void Ids_a_code_cannot_carry_are_refused(long memberId)
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => Service().Issue(memberId));
    }

    [Fact]
    public void A_code_is_valid_up_to_its_last_second_and_expired_after()
    {
        var service = Service();
        var code = service.Issue(42).Code;

        _clock.Now = DateTimeOffset.FromUnixTimeSeconds(Start + 60).AddMilliseconds(999);
        var last = service.Verify(code);
        _clock.Now = DateTimeOffset.FromUnixTimeSeconds(Start + 61);
        var after = service.Verify(code);

        Assert.Equal(new MemberCodeCheck(MemberCodeStatus.Valid, 42), last);
        Assert.Equal(new MemberCodeCheck(MemberCodeStatus.Expired, 42), after);
    }

    [Fact]
    public void A_fractional_lifetime_is_rounded_up_to_whole_seconds()
    {
        Assert.Equal(DateTimeOffset.FromUnixTimeSeconds(Start + 2), Service(lifetimeSeconds: 1.5).Issue(7).ExpiresAt);
    }

    [Fact]
    public void Codes_are_read_in_any_case_and_with_spaces_around()
    {
        var service = Service();
        var code = service.Issue(42).Code;

        Assert.Equal(MemberCodeStatus.Valid, service.Verify(code.ToLowerInvariant()).Status);
        Assert.Equal(MemberCodeStatus.Valid, service.Verify($"  {code}\n").Status);
    }

    [Fact]
    public void Changing_any_character_makes_the_code_invalid()
    {
        var service = Service();
        var code = service.Issue(42).Code;

        for (var i = 0; i < code.Length; i++)
        {
            var changed = code[..i] + (code[i] == 'A' ? 'B' : 'A') + code[(i + 1)..];
            Assert.Equal(new MemberCodeCheck(MemberCodeStatus.Invalid), service.Verify(changed));
        }
    }

    [Theory]
    [InlineData('I')]
    [InlineData('L')]
    [InlineData('O')]
    [InlineData('U')]
    [InlineData('-')]
    public void Characters_outside_the_alphabet_are_invalid(char letter)
    {
        var service = Service();
        var code = service.Issue(42).Code;

        Assert.Equal(MemberCodeStatus.Invalid, service.Verify(code[..^1] + letter).Status);
    }

    [Fact]
    public void Codes_of_the_wrong_length_or_of_another_key_are_invalid()
    {
        var code = Service().Issue(42).Code;

        Assert.Equal(MemberCodeStatus.Invalid, Service().Verify(code[..^1]).Status);
        Assert.Equal(MemberCodeStatus.Invalid, Service().Verify(code + "0").Status);
        Assert.Equal(MemberCodeStatus.Invalid, Service().Verify("").Status);
        Assert.Equal(MemberCodeStatus.Invalid, Service("another-signing-key-of-at-least-32-bytes!!").Verify(code).Status);
    }

    private sealed class FixedClock(DateTimeOffset now) : TimeProvider
    {
        public DateTimeOffset Now { get; set; } = now;

        public override DateTimeOffset GetUtcNow() => Now;
    }
}

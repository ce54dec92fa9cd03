namespace MemberGraph.Seeding;

/// <summary>
/// Deterministic ids the demo story gives people on other platforms: WeCom external user ids (<c>wm…</c>, 32
/// characters like WeCom's) and coupon codes, derived from a key alone so two seedings agree.
/// </summary>
public static class DemoCast
{
    private const string WeComAlphabet = "0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ_-";

    /// <summary>The WeCom external user id the demo corp knows this member by (the same for every guide of the corp).</summary>
    public static string ExternalUserIdOf(long memberId)
    {
        var chars = new char[30];
        var bits = Mix((ulong)memberId);
        for (var i = 0; i < chars.Length; i++)
        {
            if (i % 10 == 0)
            {
                bits = Mix(bits + (ulong)i);
            }

            chars[i] = WeComAlphabet[(int)(bits & 63)];
            bits >>= 6;
        }

        return "wm" + new string(chars);
    }

    /// <summary>
    /// A coupon code in <see cref="Coupons.CouponCode"/>'s alphabet and length for a key (bulk coupons: their id; the
    /// story's: <see cref="StoryCouponKey"/>). SplitMix64 is a bijection and the first 13 characters spell all 64 bits
    /// of it, so different keys never share a code, whatever was seeded before.
    /// </summary>
    /// <remarks>Demo data only: with a published seed these codes are guessable, which is the point of a repeatable demo.</remarks>
    public static string CouponCode(long key)
    {
        var alphabet = Coupons.CouponCode.Alphabet;
        var code = new char[Coupons.CouponCode.Length];
        var bits = Mix((ulong)key);
        var tail = Mix(bits);
        for (var i = 0; i < code.Length; i++)
        {
            code[i] = alphabet[(int)((i < 13 ? bits >> (5 * i) : tail >> (5 * (i - 13))) & 31)];
        }

        return new string(code);
    }

    /// <summary>The story's coupons are keyed apart from bulk coupon ids: one per member and scene.</summary>
    public static long StoryCouponKey(long memberId, int scene) => (1L << 62) + memberId * 8 + scene;

    // SplitMix64, as DemoPerson uses for home locations.
    internal static ulong Mix(ulong x)
    {
        x += 0x9E3779B97F4A7C15;
        x = (x ^ (x >> 30)) * 0xBF58476D1CE4E5B9;
        x = (x ^ (x >> 27)) * 0x94D049BB133111EB;
        return x ^ (x >> 31);
    }
}

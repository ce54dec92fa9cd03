using System.Security.Cryptography;

namespace MemberGraph.Coupons;

/// <summary>
/// Coupon codes: 80 random bits from <see cref="RandomNumberGenerator"/> written as 16 characters of Crockford's
/// base32 alphabet (digits and capitals without I, L, O, U), shown in groups of four (<c>7QXM-2K9D-HT4B-W0RC</c>).
/// Reading is forgiving the way a cashier types: case, dashes and spaces don't matter, O reads as 0, I and L as 1.
/// With 2^80 codes a collision is practically impossible (about 4·10^-7 after a billion coupons); the unique index
/// would refuse one rather than hand out a shared code.
/// </summary>
public static class CouponCode
{
    public const int Length = 16;
    public const string Alphabet = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";

    public static string NewCode()
    {
        Span<byte> random = stackalloc byte[10];
        RandomNumberGenerator.Fill(random);
        Span<char> code = stackalloc char[Length];
        for (var i = 0; i < Length; i++)
        {
            code[i] = Alphabet[ReadFiveBits(random, i * 5)];
        }

        return new string(code);
    }

    /// <summary>The code for people: four groups of four.</summary>
    public static string Format(string code) =>
        code.Length == Length ? $"{code[..4]}-{code[4..8]}-{code[8..12]}-{code[12..]}" : code;

    /// <summary>The stored form of a typed code, or null when it can't be a coupon code.</summary>
    public static string? Normalize(string? typed)
    {
        if (typed is null || typed.Length > 40)
        {
            return null;
        }

        Span<char> code = stackalloc char[Length];
        var n = 0;
        foreach (var raw in typed)
        {
            if (raw is '-' or ' ')
            {
                continue;
            }

            var c = char.ToUpperInvariant(raw) switch
            {
                'O' => '0',
                'I' or 'L' => '1',
                var other => other,
            };
            if (n == Length || !Alphabet.Contains(c))
            {
                return null;
            }

            code[n++] = c;
        }

        return n == Length ? new string(code) : null;
    }

    private static int ReadFiveBits(ReadOnlySpan<byte> bytes, int bitOffset)
    {
        var value = 0;
        for (var b = 0; b < 5; b++)
        {
            var bit = bitOffset + b;
            value = (value << 1) | ((bytes[bit / 8] >> (7 - bit % 8)) & 1);
        }

        return value;
    }
}

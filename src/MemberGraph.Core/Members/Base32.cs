namespace MemberGraph.Members;

/// <summary>
/// Crockford base32 (digits and upper-case letters without I, L, O, U): readable aloud, and a valid QR
/// alphanumeric-mode string. Only whole 5-byte groups are used here, so there is no padding.
/// </summary>
internal static class Base32
{
    private const string Alphabet = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";

    public static string Encode(ReadOnlySpan<byte> bytes)
    {
        if (bytes.Length % 5 != 0)
        {
            throw new ArgumentException("Length must be a multiple of 5 bytes.", nameof(bytes));
        }

        var chars = new char[bytes.Length / 5 * 8];
        for (int group = 0, c = 0; group < bytes.Length; group += 5)
        {
            ulong bits = 0;
            for (var i = 0; i < 5; i++)
            {
                bits = (bits << 8) | bytes[group + i];
            }

            for (var shift = 35; shift >= 0; shift -= 5)
            {
                chars[c++] = Alphabet[(int)((bits >> shift) & 31)];
            }
        }

        return new string(chars);
    }

    /// <summary>Decodes exactly <c>target.Length</c> bytes; false on a wrong length or a character outside the alphabet (case-insensitive).</summary>
    public static bool TryDecode(string text, Span<byte> target)
    {
        if (target.Length % 5 != 0 || text.Length != target.Length / 5 * 8)
        {
            return false;
        }

        for (int group = 0, c = 0; group < target.Length; group += 5)
        {
            ulong bits = 0;
            for (var i = 0; i < 8; i++)
            {
                var value = Alphabet.IndexOf(char.ToUpperInvariant(text[c++]));
                if (value < 0)
                {
                    return false;
                }

                bits = (bits << 5) | (uint)value;
            }

            for (var i = 4; i >= 0; i--, bits >>= 8)
            {
                target[group + i] = (byte)bits;
            }
        }

        return true;
    }
}

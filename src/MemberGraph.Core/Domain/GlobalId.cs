using System.Buffers.Text;
using System.Diagnostics.CodeAnalysis;
using System.Text;

namespace MemberGraph.Domain;

/// <summary>
/// Relay global ids: opaque base64url of "Type:key". The same ids appear in tokens (<c>member_id</c>, ...),
/// so a script holding an id from a response can mint a token for it.
/// Wherever the type is known (an argument or input field of one type, a token claim), the plain numeric key is
/// accepted too ("7" for the member the schema calls <c>TWVtYmVyOjc</c>), as the README promises; no global id is
/// ever all digits (the base64 of a type name starts with a letter), so the two forms cannot be confused.
/// <c>node(id:)</c> has no type to go by and takes global ids only.
/// </summary>
public static class GlobalId
{
    public static string Encode(string typeName, long key) =>
        Base64Url.EncodeToString(Encoding.UTF8.GetBytes($"{typeName}:{key}"));

    public static bool TryDecode(string? id, [NotNullWhen(true)] out string? typeName, out long key)
    {
        typeName = null;
        key = 0;
        if (string.IsNullOrEmpty(id) || id.Length > 64)
        {
            return false;
        }

        Span<byte> buffer = stackalloc byte[64];
        if (Base64Url.DecodeFromChars(id, buffer, out _, out var written) != System.Buffers.OperationStatus.Done)
        {
            return false;
        }

        var text = Encoding.UTF8.GetString(buffer[..written]);
        var colon = text.IndexOf(':');
        if (colon <= 0 || !long.TryParse(text.AsSpan(colon + 1), System.Globalization.NumberStyles.None, null, out key) || key <= 0)
        {
            return false;
        }

        typeName = text[..colon];
        return true;
    }

    /// <summary>
    /// Decodes an id that must be of <paramref name="typeName"/>: its global id or its plain numeric key (digits only,
    /// no sign, no leading zero); null when it is neither.
    /// </summary>
    public static long? TryDecode(string? id, string typeName) =>
        TryParsePlainKey(id) ?? (TryDecode(id, out var actualType, out var key) && actualType == typeName ? key : null);

    private static long? TryParsePlainKey(string? id) =>
        id is { Length: > 0 and <= 19 } && id[0] is >= '1' and <= '9' && id.All(char.IsAsciiDigit)
        && long.TryParse(id, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var key)
            ? key
            : null;
}

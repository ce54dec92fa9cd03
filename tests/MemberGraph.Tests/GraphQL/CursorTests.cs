using System.Text;
using MemberGraph.GraphQL.Relay;

namespace MemberGraph.Tests.GraphQL;

/// <summary>Cursors are positions this API gave out: only the exact text <see cref="Cursor.Encode"/> writes decodes.</summary>
public sealed class CursorTests
{
    [Theory]
    [InlineData(0L)]
    [InlineData(1L)]
    [InlineData(42L)]
    [InlineData(long.MaxValue)]
    public void A_cursor_the_api_gave_out_decodes_to_its_position(long position) =>
        Assert.Equal(position, Cursor.Decode(Cursor.Encode(position)));

    public static TheoryData<string, string> Malformed => new()
    {
        { "negative", Base64("cursor:-5") },
        { "negative zero", Base64("cursor:-0") },
        { "leading zeros", Base64("cursor:007") },
        { "plus sign", Base64("cursor:+7") },
        { "spaces around the number", Base64("cursor: 7") },
        { "trailing text", Base64("cursor:7x") },
        { "beyond a long", Base64("cursor:9223372036854775808") },
        { "no number", Base64("cursor:") },
        { "another prefix", Base64("offset:7") },
        { "not base64", "not a cursor!" },
        { "base64 of garbage", "bm90LWEtY3Vyc29y" },
        { "base64 without padding", Base64("cursor:7").TrimEnd('=') },
        { "base64 with whitespace", " " + Base64("cursor:7") },
        { "non-canonical base64 bits", NonCanonical(Base64("cursor:7")) },
        { "empty", "" },
    };

    [Theory]
    [MemberData(nameof(Malformed))]
    public void A_malformed_cursor_decodes_to_nothing(string flaw, string cursor) =>
        Assert.True(Cursor.Decode(cursor) is null, $"{flaw}: '{cursor}' decoded to {Cursor.Decode(cursor)}");

    private static string Base64(string text) => Convert.ToBase64String(Encoding.UTF8.GetBytes(text));

    /// <summary>The same bytes with padding bits set that a canonical encoder leaves zero ("…Nw==" becomes "…Nx==").</summary>
    private static string NonCanonical(string canonical)
    {
        var last = canonical.TrimEnd('=');
        const string alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
        var index = alphabet.IndexOf(last[^1]);
        return last[..^1] + alphabet[index | 1] + canonical[last.Length..];
    }
}

using System.Security.Cryptography;
using MemberGraph.Tencent.WeCom;

namespace MemberGraph.Core.Tests.Tencent;

/// <summary>The edges of WXBizMsgCrypt that the official vectors (<see cref="WeComCryptoTests"/>) do not reach.</summary>
public sealed class WeComCryptoEdgeTests
{
    private const string Token = "QDG6eK";
    private const string Key = "jWmYm7qr5nMoAUwZRjGtBxmz3KA1tkAj3ykkR6q2B2C"; // the official sample's EncodingAESKey
    private const string CorpId = "wx5823bf96d3bd56c7";                      // 18 bytes

    private static readonly WeComCrypto Crypto = new(Token, Key, CorpId);

    [Theory]
    [InlineData("jWmYm7qr5nMoAUwZRjGtBxmz3KA1tkAj3ykkR6q2B2")]    // 42 characters
    [InlineData("jWmYm7qr5nMoAUwZRjGtBxmz3KA1tkAj3ykkR6q2B2C=")]  // 44: the '=' is ours to add
    public void An_EncodingAESKey_of_any_length_but_43_is_refused(string key)
    {
        Assert.Throws<ArgumentException>(() => new WeComCrypto(Token, key, CorpId));
    }

    [Fact]
    public void The_signature_is_the_sha1_of_the_four_parts_sorted()
    {
        // sorted ordinally: "1372623149" < "1409659813" < "QDG6eK" < "abc"; sha1("13726231491409659813QDG6eKabc") by sha1sum
        Assert.Equal("a4bd54b5f0f49c941592072a6b1c6ea509750ddc", Crypto.Signature("1409659813", "1372623149", "abc"));
        Assert.Equal("a4bd54b5f0f49c941592072a6b1c6ea509750ddc", Crypto.Signature("1372623149", "1409659813", "abc"));
    }

    [Fact]
    public void A_signature_in_upper_case_hex_is_the_same_signature()
    {
        var encrypted = Crypto.Encrypt("hello");
        var signature = Crypto.Signature("1", "2", encrypted).ToUpperInvariant();

        Assert.Equal("hello", Crypto.VerifyAndDecrypt(signature, "1", "2", encrypted).Plaintext);
    }

    [Theory]
    [InlineData(0, 64)]    // 16 + 4 + 0 + 18 = 38 bytes -> padded with 26 to 64
    [InlineData(25, 64)]   // 63 -> one byte of padding
    [InlineData(26, 96)]   // exactly 64 -> a whole block of 32 bytes of value 32
    public void Replies_are_padded_to_32_byte_blocks_with_at_least_one_byte(int messageLength, int cipherLength)
    {
        var cipher = Convert.FromBase64String(Crypto.Encrypt(new string('m', messageLength)));

        Assert.Equal(cipherLength, cipher.Length);
        var plain = DecryptRaw(cipher);
        var pad = cipherLength - (16 + 4 + messageLength + 18);
        Assert.Equal(pad, plain[^1]);
        Assert.All(plain[^pad..], b => Assert.Equal(pad, b));
    }

    [Theory]
    [InlineData("")]                          // nothing at all
    [InlineData("AAAAAAAAAAAAAAAAAAAAAAAAAAA=")]  // 20 bytes: not whole AES blocks
    public void Empty_or_partial_ciphertexts_are_refused_as_bad_base64(string encrypted)
    {
        Assert.Equal(WeComCryptoError.InvalidBase64, Crypto.Decrypt(encrypted).Error);
    }

    [Fact]
    public void A_padding_byte_above_the_32_byte_block_is_refused()
    {
        var plain = new byte[64];
        plain.AsSpan(31).Fill(33); // 33 bytes of value 33: valid PKCS#7 for AES's own blocks, not for WeCom's 32-byte ones

        Assert.Equal(WeComCryptoError.InvalidPadding, Crypto.Decrypt(EncryptRaw(plain)).Error);
    }

    [Fact]
    public void A_passive_reply_envelope_carries_a_signature_that_verifies()
    {
        var envelope = Crypto.EncryptReply("<xml><Content>ok</Content></xml>", "1409659813", "nonce1");

        var fields = WeComXml.TryParse(envelope)!;
        Assert.Equal(["Encrypt", "MsgSignature", "TimeStamp", "Nonce"], fields.Keys);
        Assert.Equal("1409659813", fields["TimeStamp"]);
        Assert.Equal("nonce1", fields["Nonce"]);
        var result = Crypto.VerifyAndDecrypt(fields["MsgSignature"], "1409659813", "nonce1", fields["Encrypt"]);
        Assert.Equal("<xml><Content>ok</Content></xml>", result.Plaintext);
    }

    private static byte[] AesKey => Convert.FromBase64String(Key + "=");

    private static byte[] DecryptRaw(byte[] cipher)
    {
        using var aes = Aes.Create();
        aes.Key = AesKey;
        return aes.DecryptCbc(cipher, AesKey.AsSpan(0, 16), PaddingMode.None);
    }

    private static string EncryptRaw(byte[] plain)
    {
        using var aes = Aes.Create();
        aes.Key = AesKey;
        return Convert.ToBase64String(aes.EncryptCbc(plain, AesKey.AsSpan(0, 16), PaddingMode.None));
    }
}

using System.Text.Json;
using MemberGraph.Tencent.WeCom;

namespace MemberGraph.Core.Tests.Tencent;

/// <summary>WXBizMsgCrypt against the vectors of Tencent's official samples, and every way a forged message fails.</summary>
public sealed class WeComCryptoTests
{
    public static TheoryData<string> VectorNames() => new(Vectors().Select(v => v.Name));

    [Theory]
    [MemberData(nameof(VectorNames))]
    public void Official_vectors_verify_and_decrypt(string name)
    {
        // given
        var vector = Vectors().Single(v => v.Name == name);
        var crypto = new WeComCrypto(vector.Token, vector.EncodingAesKey, vector.ReceiveId);

        // when
        var result = crypto.VerifyAndDecrypt(vector.MsgSignature, vector.Timestamp, vector.Nonce, vector.Encrypt);

        // then
        Assert.Null(result.Error);
        Assert.Equal(vector.ExpectedPlaintext, result.Plaintext);
        Assert.Equal(vector.MsgSignature, crypto.Signature(vector.Timestamp, vector.Nonce, vector.Encrypt));
    }

    [Fact]
    public void A_reply_encrypted_by_us_decrypts_back_with_the_same_signature_scheme()
    {
        var vector = Vectors()[0];
        var crypto = new WeComCrypto(vector.Token, vector.EncodingAesKey, vector.ReceiveId);

        foreach (var message in new[] { "", "ok", "<xml><Content><![CDATA[你好，导购]]></Content></xml>", new string('x', 31), new string('y', 32), new string('z', 1000) })
        {
            var encrypted = crypto.Encrypt(message);
            var signature = crypto.Signature("1409659813", "42", encrypted);
            var result = crypto.VerifyAndDecrypt(signature, "1409659813", "42", encrypted);
            Assert.Null(result.Error);
            Assert.Equal(message, result.Plaintext);
        }
    }

    [Fact]
    public void Encryption_with_the_official_random_prefix_reproduces_the_official_ciphertext()
    {
        // given: decrypting the official vector reveals its 16 random bytes; re-encrypting with them must give the same bytes
        var vector = Vectors().Single(v => v.Kind.StartsWith("POST", StringComparison.Ordinal));
        var crypto = new WeComCrypto(vector.Token, vector.EncodingAesKey, vector.ReceiveId);
        var key = Convert.FromBase64String(vector.EncodingAesKey + "=");
        using var aes = System.Security.Cryptography.Aes.Create();
        aes.Key = key;
        var plain = aes.DecryptCbc(Convert.FromBase64String(vector.Encrypt), key.AsSpan(0, 16), System.Security.Cryptography.PaddingMode.None);

        // when
        var encrypted = crypto.Encrypt(vector.ExpectedPlaintext, plain.AsSpan(0, 16));

        // then
        Assert.Equal(vector.Encrypt, encrypted);
    }

    [Fact]
    public void Forged_signature_wrong_receive_id_bad_base64_and_bad_padding_are_refused()
    {
        var vector = Vectors()[0];
        var crypto = new WeComCrypto(vector.Token, vector.EncodingAesKey, vector.ReceiveId);

        Assert.Equal(WeComCryptoError.InvalidSignature, crypto.VerifyAndDecrypt("0" + vector.MsgSignature[1..], vector.Timestamp, vector.Nonce, vector.Encrypt).Error);
        Assert.Equal(WeComCryptoError.InvalidSignature, crypto.VerifyAndDecrypt(vector.MsgSignature, vector.Timestamp + "1", vector.Nonce, vector.Encrypt).Error);

        var otherCorp = new WeComCrypto(vector.Token, vector.EncodingAesKey, "ww-another-corp");
        Assert.Equal(WeComCryptoError.WrongReceiveId, otherCorp.VerifyAndDecrypt(vector.MsgSignature, vector.Timestamp, vector.Nonce, vector.Encrypt).Error);

        const string notBase64 = "@@@not base64@@@";
        Assert.Equal(WeComCryptoError.InvalidBase64, crypto.VerifyAndDecrypt(crypto.Signature("1", "2", notBase64), "1", "2", notBase64).Error);

        var badPadding = EncryptRaw(vector.EncodingAesKey, new byte[64]); // all-zero plaintext: padding byte 0 is invalid
        Assert.Equal(WeComCryptoError.InvalidPadding, crypto.VerifyAndDecrypt(crypto.Signature("1", "2", badPadding), "1", "2", badPadding).Error);

        var lyingLength = new byte[64];
        lyingLength[19] = 200; // claims a 200-byte message inside 64 bytes
        lyingLength.AsSpan(32).Fill(32);
        var badLength = EncryptRaw(vector.EncodingAesKey, lyingLength);
        Assert.Equal(WeComCryptoError.InvalidLength, crypto.VerifyAndDecrypt(crypto.Signature("1", "2", badLength), "1", "2", badLength).Error);
    }

    private static string EncryptRaw(string encodingAesKey, byte[] plain)
    {
        var key = Convert.FromBase64String(encodingAesKey + "=");
        using var aes = System.Security.Cryptography.Aes.Create();
        aes.Key = key;
        return Convert.ToBase64String(aes.EncryptCbc(plain, key.AsSpan(0, 16), System.Security.Cryptography.PaddingMode.None));
    }

    internal static IReadOnlyList<WeComVector> Vectors()
    {
        var path = Path.Combine(AppContext.BaseDirectory, "Tencent", "Vectors", "wecom-official-sample.json"); // copied next to the tests
        return JsonSerializer.Deserialize<List<WeComVector>>(File.ReadAllText(path), new JsonSerializerOptions { PropertyNameCaseInsensitive = true })!;
    }
}

internal sealed record WeComVector(string Name, string Kind, string Token, string EncodingAesKey, string ReceiveId, string Timestamp, string Nonce, string MsgSignature, string Encrypt, string ExpectedPlaintext);

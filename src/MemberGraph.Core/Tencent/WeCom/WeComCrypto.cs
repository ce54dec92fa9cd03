using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;

namespace MemberGraph.Tencent.WeCom;

/// <summary>
/// The WXBizMsgCrypt scheme of WeCom callbacks. Signature: SHA1 of the sorted concatenation of token, timestamp,
/// nonce and the encrypted text. Cipher: AES-256-CBC, key = Base64(EncodingAESKey + "="), IV = the key's first
/// 16 bytes, PKCS#7 padding to 32-byte blocks. Plaintext: 16 random bytes, 4-byte big-endian length, message,
/// receive id (the corp id).
/// </summary>
public sealed class WeComCrypto
{
    private const int BlockSize = 32;
    private readonly string _token;
    private readonly byte[] _key;
    private readonly string _receiveId;

    public WeComCrypto(string token, string encodingAesKey, string receiveId)
    {
        if (encodingAesKey.Length != 43)
        {
            throw new ArgumentException("EncodingAESKey must be 43 characters.", nameof(encodingAesKey));
        }

        _token = token;
        _key = Convert.FromBase64String(encodingAesKey + "=");
        _receiveId = receiveId;
    }

    public string Signature(string timestamp, string nonce, string encrypted)
    {
        string[] parts = [_token, timestamp, nonce, encrypted];
        Array.Sort(parts, StringComparer.Ordinal);
        return Convert.ToHexStringLower(SHA1.HashData(Encoding.UTF8.GetBytes(string.Concat(parts))));
    }

    /// <summary>Verifies the signature, then decrypts and checks padding, length and receive id.</summary>
    public WeComDecryption VerifyAndDecrypt(string msgSignature, string timestamp, string nonce, string encrypted)
    {
        var expected = Signature(timestamp, nonce, encrypted);
        if (!CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(expected), Encoding.ASCII.GetBytes(msgSignature.ToLowerInvariant())))
        {
            return WeComDecryption.Fail(WeComCryptoError.InvalidSignature);
        }

        return Decrypt(encrypted);
    }

    public WeComDecryption Decrypt(string encrypted)
    {
        byte[] cipher;
        try
        {
            cipher = Convert.FromBase64String(encrypted);
        }
        catch (FormatException)
        {
            return WeComDecryption.Fail(WeComCryptoError.InvalidBase64);
        }

        if (cipher.Length == 0 || cipher.Length % 16 != 0)
        {
            return WeComDecryption.Fail(WeComCryptoError.InvalidBase64);
        }

        using var aes = Aes.Create();
        aes.Key = _key;
        var plain = aes.DecryptCbc(cipher, _key.AsSpan(0, 16), PaddingMode.None);

        int pad = plain[^1];
        if (pad is < 1 or > BlockSize || pad > plain.Length || plain.AsSpan(plain.Length - pad).ContainsAnyExcept((byte)pad))
        {
            return WeComDecryption.Fail(WeComCryptoError.InvalidPadding);
        }

        var content = plain.AsSpan(0, plain.Length - pad);
        if (content.Length < 20)
        {
            return WeComDecryption.Fail(WeComCryptoError.InvalidLength);
        }

        var length = BinaryPrimitives.ReadInt32BigEndian(content.Slice(16, 4));
        if (length < 0 || 20 + length > content.Length)
        {
            return WeComDecryption.Fail(WeComCryptoError.InvalidLength);
        }

        var receiveId = Encoding.UTF8.GetString(content[(20 + length)..]);
        if (!string.Equals(receiveId, _receiveId, StringComparison.Ordinal))
        {
            return WeComDecryption.Fail(WeComCryptoError.WrongReceiveId);
        }

        return new WeComDecryption(Encoding.UTF8.GetString(content.Slice(20, length)), null);
    }

    /// <summary>Encrypts a reply the way WeCom expects (random prefix, length, message, receive id, 32-byte PKCS#7).</summary>
    public string Encrypt(string message, ReadOnlySpan<byte> randomPrefix = default)
    {
        var body = Encoding.UTF8.GetBytes(message);
        var receiveId = Encoding.UTF8.GetBytes(_receiveId);
        var unpadded = 16 + 4 + body.Length + receiveId.Length;
        var pad = BlockSize - unpadded % BlockSize;
        var plain = new byte[unpadded + pad];
        if (randomPrefix.Length == 16)
        {
            randomPrefix.CopyTo(plain);
        }
        else
        {
            RandomNumberGenerator.Fill(plain.AsSpan(0, 16));
        }

        BinaryPrimitives.WriteInt32BigEndian(plain.AsSpan(16, 4), body.Length);
        body.CopyTo(plain.AsSpan(20));
        receiveId.CopyTo(plain.AsSpan(20 + body.Length));
        plain.AsSpan(unpadded).Fill((byte)pad);

        using var aes = Aes.Create();
        aes.Key = _key;
        return Convert.ToBase64String(aes.EncryptCbc(plain, _key.AsSpan(0, 16), PaddingMode.None));
    }

    /// <summary>The encrypted reply envelope for a passive reply to a callback.</summary>
    public string EncryptReply(string message, string timestamp, string nonce)
    {
        var encrypted = Encrypt(message);
        var signature = Signature(timestamp, nonce, encrypted);
        return $"<xml><Encrypt><![CDATA[{encrypted}]]></Encrypt><MsgSignature><![CDATA[{signature}]]></MsgSignature><TimeStamp>{timestamp}</TimeStamp><Nonce><![CDATA[{nonce}]]></Nonce></xml>";
    }
}

public enum WeComCryptoError
{
    InvalidSignature,
    InvalidBase64,
    InvalidPadding,
    InvalidLength,
    WrongReceiveId,
}

public sealed record WeComDecryption(string? Plaintext, WeComCryptoError? Error)
{
    public static WeComDecryption Fail(WeComCryptoError error) => new(null, error);
}

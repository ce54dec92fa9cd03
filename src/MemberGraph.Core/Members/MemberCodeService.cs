using System.Buffers.Binary;
using System.Security.Cryptography;
using MemberGraph.Auth;
using Microsoft.Extensions.Options;

namespace MemberGraph.Members;

/// <summary>A dynamic member code as the mini-program shows it (QR code or barcode) and when it stops being accepted.</summary>
public sealed record MemberCode(string Code, DateTimeOffset ExpiresAt);

public enum MemberCodeStatus
{
    Valid,
    Invalid,
    Expired,
}

/// <summary>What a scanned code says: valid for <see cref="MemberId"/>, forged/garbled, or past its lifetime.</summary>
public sealed record MemberCodeCheck(MemberCodeStatus Status, long MemberId = 0);

/// <summary>
/// Issues and checks the short-lived member code the store scans at the till. Stateless: the code carries the member id
/// and its expiry, signed with HMAC-SHA256 under a key derived (HKDF) from the token signing key, so nothing is stored and
/// every gateway instance can check any code. Layout, 20 bytes written as 32 Crockford base32 characters (QR alphanumeric
/// mode and Code 128 both take them): version (1) ‖ member id (6, big-endian) ‖ expiry in Unix seconds (4) ‖ MAC (9, the
/// first 72 bits of the HMAC) — far beyond guessing within a code's one-minute life.
/// </summary>
public sealed class MemberCodeService
{
    /// <summary>What the till is told about an expired code, wherever a code is scanned.</summary>
    public const string ExpiredMessage = "This member code has expired: ask the member to refresh it.";

    /// <summary>What the till is told about a forged or garbled code.</summary>
    public const string InvalidMessage = "This is not a valid member code.";

    private const byte Version = 1;
    private const int IdBytes = 6;
    private const int SignedBytes = 1 + IdBytes + 4;
    private const int MacBytes = 9;
    private const int CodeBytes = SignedBytes + MacBytes;
    private const long MaxMemberId = (1L << (8 * IdBytes)) - 1;

    private readonly byte[] _key;
    private readonly IOptions<AuthOptions> _options;
    private readonly TimeProvider _clock;

    public MemberCodeService(SigningKey signingKey, IOptions<AuthOptions> options, TimeProvider clock)
    {
        _key = HKDF.DeriveKey(HashAlgorithmName.SHA256, signingKey.Key.Key, 32, salt: null, info: "membergraph/member-code/v1"u8.ToArray());
        _options = options;
        _clock = clock;
    }

    public MemberCode Issue(long memberId)
    {
        if (memberId is <= 0 or > MaxMemberId)
        {
            throw new ArgumentOutOfRangeException(nameof(memberId), memberId, "A member code carries ids up to 2^48 - 1.");
        }

        var expiresAt = _clock.GetUtcNow().ToUnixTimeSeconds() + (long)Math.Ceiling(_options.Value.MemberCodeLifetime.TotalSeconds);
        Span<byte> code = stackalloc byte[CodeBytes];
        code[0] = Version;
        WriteMemberId(code.Slice(1, IdBytes), memberId);
        BinaryPrimitives.WriteUInt32BigEndian(code.Slice(1 + IdBytes, 4), checked((uint)expiresAt));
        Sign(code[..SignedBytes], code[SignedBytes..]);
        return new MemberCode(Base32.Encode(code), DateTimeOffset.FromUnixTimeSeconds(expiresAt));
    }

    public MemberCodeCheck Verify(string code)
    {
        Span<byte> bytes = stackalloc byte[CodeBytes];
        if (!Base32.TryDecode(code.Trim(), bytes) || bytes[0] != Version)
        {
            return new MemberCodeCheck(MemberCodeStatus.Invalid);
        }

        Span<byte> expected = stackalloc byte[MacBytes];
        Sign(bytes[..SignedBytes], expected);
        if (!CryptographicOperations.FixedTimeEquals(expected, bytes[SignedBytes..]))
        {
            return new MemberCodeCheck(MemberCodeStatus.Invalid);
        }

        var memberId = ReadMemberId(bytes.Slice(1, IdBytes));
        var expiresAt = BinaryPrimitives.ReadUInt32BigEndian(bytes.Slice(1 + IdBytes, 4));
        return _clock.GetUtcNow().ToUnixTimeSeconds() > expiresAt
            ? new MemberCodeCheck(MemberCodeStatus.Expired, memberId)
            : new MemberCodeCheck(MemberCodeStatus.Valid, memberId);
    }

    private void Sign(ReadOnlySpan<byte> signed, Span<byte> mac)
    {
        Span<byte> full = stackalloc byte[HMACSHA256.HashSizeInBytes];
        HMACSHA256.HashData(_key, signed, full);
        full[..mac.Length].CopyTo(mac);
    }

    private static void WriteMemberId(Span<byte> target, long id)
    {
        for (var i = target.Length - 1; i >= 0; i--, id >>= 8)
        {
            target[i] = (byte)id;
        }
    }

    private static long ReadMemberId(ReadOnlySpan<byte> source)
    {
        long id = 0;
        foreach (var b in source)
        {
            id = (id << 8) | b;
        }

        return id;
    }
}

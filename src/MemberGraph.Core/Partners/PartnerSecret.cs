using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;

namespace MemberGraph.Partners;

/// <summary>
/// Client ids and secrets of partners. A secret is 32 random bytes (base64url, after the <c>mgs_</c> prefix), so it
/// cannot be guessed or found in a dictionary: a slow password hash (PBKDF2, bcrypt) would add nothing against a
/// stolen table, only cost at every sign-in. It is kept as its SHA-256 and compared in constant time.
/// </summary>
public static class PartnerSecret
{
    private const string SecretPrefix = "mgs_";
    private const string ClientIdPrefix = "mgp_";

    /// <summary>Compared against when the client id is unknown, so that a miss costs what a wrong secret costs.</summary>
    private static readonly byte[] NoSecret = Hash("no-such-client");

    public static string NewSecret() => SecretPrefix + Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(32));

    /// <summary>A new client id: <c>mgp_</c> and 16 lower-case base32 characters (80 random bits).</summary>
    public static string NewClientId() => ClientIdPrefix + Members.Base32.Encode(RandomNumberGenerator.GetBytes(10)).ToLowerInvariant();

    public static byte[] Hash(string secret) => SHA256.HashData(Encoding.UTF8.GetBytes(secret));

    /// <summary>
    /// Whether <paramref name="presented"/> is the secret of <paramref name="storedHash"/> (null: no such client), in constant time.
    /// </summary>
    public static bool Matches(string presented, byte[]? storedHash)
    {
        var matches = CryptographicOperations.FixedTimeEquals(Hash(presented), storedHash ?? NoSecret);
        return matches && storedHash is not null;
    }
}

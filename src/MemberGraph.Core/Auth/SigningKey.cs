using System.Security.Cryptography;
using System.Text;
using MemberGraph.Data;
using Microsoft.IdentityModel.Tokens;

namespace MemberGraph.Auth;

/// <summary>
/// The HS256 key: <c>Auth:SigningKey</c> as base64 (when it decodes to ≥ 32 bytes) or as UTF-8 text (≥ 32 bytes);
/// without configuration a random development key is created once and kept in the data folder.
/// </summary>
public sealed class SigningKey
{
    public SigningKey(byte[] bytes) => Key = new SymmetricSecurityKey(bytes);

    public SymmetricSecurityKey Key { get; }

    public static SigningKey Resolve(string? configured, DataFolder folder)
    {
        if (!string.IsNullOrWhiteSpace(configured))
        {
            return new SigningKey(Parse(configured));
        }

        var path = Path.Combine(folder.Path, "dev-signing-key.txt");
        if (!File.Exists(path))
        {
            var fresh = Convert.ToBase64String(RandomNumberGenerator.GetBytes(48));
            try
            {
                using var stream = new FileStream(path, FileMode.CreateNew, FileAccess.Write);
                stream.Write(Encoding.ASCII.GetBytes(fresh));
            }
            catch (IOException) when (File.Exists(path))
            {
                // Another process created it first; use theirs.
            }
        }

        return new SigningKey(Parse(File.ReadAllText(path).Trim()));
    }

    public static byte[] Parse(string configured)
    {
        var buffer = new byte[configured.Length];
        if (Convert.TryFromBase64String(configured, buffer, out var written) && written >= 32)
        {
            return buffer[..written];
        }

        var utf8 = Encoding.UTF8.GetBytes(configured);
        if (utf8.Length < 32)
        {
            throw new InvalidOperationException("Auth:SigningKey must be base64 or UTF-8 text of at least 32 bytes.");
        }

        return utf8;
    }
}

using System.Buffers.Text;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using MemberGraph.Auth;
using MemberGraph.Domain;
using Microsoft.Extensions.Options;

namespace MemberGraph.Privacy.Export;

/// <summary>A download link: its path with the signed query, and when it stops working.</summary>
public sealed record DataExportLink(string Url, DateTime ExpiresAt);

/// <summary>What a presented link says: which export, or that it was not made by this gateway, or that it has expired.</summary>
public sealed record DataExportLinkCheck(DataExportLinkStatus Status, long ExportId = 0);

public enum DataExportLinkStatus
{
    Valid,
    Forged,
    Expired,
}

/// <summary>
/// The signed download links of exports: <c>/privacy/exports/{id}?expires={unix seconds}&amp;signature={HMAC}</c>. A link is
/// good for one export and a few minutes (<see cref="DataExportOptions.ExportLinkMinutes"/>) and is not the member's token
/// (a bearer token never goes into a URL). The HMAC-SHA256 is under a key derived (HKDF) from the token signing key for
/// this purpose alone, over the export id and the expiry, so every gateway instance checks any link and nothing is stored.
/// </summary>
public sealed class DataExportLinks
{
    public const string PathPrefix = "/privacy/exports/";

    private readonly byte[] _key;
    private readonly IOptions<DataExportOptions> _options;

    public DataExportLinks(SigningKey signingKey, IOptions<DataExportOptions> options)
    {
        _key = HKDF.DeriveKey(HashAlgorithmName.SHA256, signingKey.Key.Key, 32, salt: null, info: "membergraph/data-export-link/v1"u8.ToArray());
        _options = options;
    }

    /// <summary>A link to the export, valid from <paramref name="now"/> for the configured minutes, never beyond <paramref name="keptUntil"/>.</summary>
    public DataExportLink Issue(long exportId, DateTime now, DateTime keptUntil)
    {
        var until = now.AddMinutes(_options.Value.ExportLinkMinutes);
        var expires = Unix(until < keptUntil ? until : keptUntil);
        var url = string.Create(CultureInfo.InvariantCulture,
            $"{PathPrefix}{GlobalId.Encode("DataExport", exportId)}?expires={expires}&signature={Sign(exportId, expires)}");
        return new DataExportLink(url, DateTimeOffset.FromUnixTimeSeconds(expires).UtcDateTime);
    }

    public DataExportLinkCheck Verify(string id, string? expires, string? signature, DateTime now)
    {
        if (GlobalId.TryDecode(id, out var type, out var exportId) is false || type != "DataExport"
            || !long.TryParse(expires, NumberStyles.None, CultureInfo.InvariantCulture, out var expiresAt)
            || signature is null
            || !CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(Sign(exportId, expiresAt)), Encoding.ASCII.GetBytes(signature)))
        {
            return new DataExportLinkCheck(DataExportLinkStatus.Forged);
        }

        return Unix(now) > expiresAt
            ? new DataExportLinkCheck(DataExportLinkStatus.Expired, exportId)
            : new DataExportLinkCheck(DataExportLinkStatus.Valid, exportId);
    }

    private static long Unix(DateTime utc) => new DateTimeOffset(DateTime.SpecifyKind(utc, DateTimeKind.Utc)).ToUnixTimeSeconds();

    private string Sign(long exportId, long expires) =>
        Base64Url.EncodeToString(HMACSHA256.HashData(_key, Encoding.ASCII.GetBytes(string.Create(CultureInfo.InvariantCulture, $"{exportId}.{expires}"))));
}

using System.Security.Cryptography;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace MemberGraph.GraphQL.TrustedDocuments;

/// <summary>
/// The trusted-documents manifest, <c>clients/trusted-documents.json</c>: one JSON object mapping <c>sha256:&lt;hex&gt;</c>
/// (SHA-256 of the document's UTF-8 text, lower-case hex: the GraphQL-over-HTTP persisted-document id) to the document's
/// exact text, for every <c>clients/&lt;app&gt;/operations/*.graphql</c>. It is generated (<c>trusted-documents</c> on the
/// CLI), never edited; a test fails when it differs from what the apps' folders give.
/// </summary>
public static class TrustedDocumentManifest
{
    public const string FileName = "trusted-documents.json";

    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>The id of a document: <c>sha256:</c> and the hash of its UTF-8 text in lower-case hex.</summary>
    public static string Id(string document) => "sha256:" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(document)));

    /// <summary>Every <c>&lt;app&gt;/operations/*.graphql</c> under the clients folder, by id (a document two apps send is one entry).</summary>
    public static SortedDictionary<string, string> FromClients(string clientsFolder)
    {
        var documents = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var app in Directory.GetDirectories(clientsFolder).Order(StringComparer.Ordinal))
        {
            var operations = Path.Combine(app, "operations");
            if (!Directory.Exists(operations))
            {
                continue;
            }

            foreach (var file in Directory.GetFiles(operations, "*.graphql").Order(StringComparer.Ordinal))
            {
                // A byte order mark is not part of the text an app sends; anything that is not UTF-8 is refused.
                var text = File.ReadAllText(file, StrictUtf8);
                documents[Id(text)] = text;
            }
        }

        return documents;
    }

    /// <summary>The manifest's text: ids in order, two-space indents, non-ASCII text as it is, a final newline.</summary>
    public static string Write(IReadOnlyDictionary<string, string> documents)
    {
        var options = new JsonSerializerOptions { WriteIndented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };
        return JsonSerializer.Serialize(new SortedDictionary<string, string>(documents.ToDictionary(), StringComparer.Ordinal), options).Replace("\r\n", "\n") + "\n";
    }

    /// <summary>Reads a manifest, checking that each id is its document's hash (a hand-edited entry would trust a document nobody reviewed).</summary>
    public static IReadOnlyDictionary<string, string> Read(string json)
    {
        using var parsed = JsonDocument.Parse(json);
        if (parsed.RootElement.ValueKind != JsonValueKind.Object)
        {
            throw new InvalidDataException("The manifest must be one JSON object: \"sha256:<hex>\" → document.");
        }

        var documents = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var entry in parsed.RootElement.EnumerateObject())
        {
            if (entry.Value.ValueKind != JsonValueKind.String || Id(entry.Value.GetString()!) != entry.Name)
            {
                throw new InvalidDataException($"Entry '{entry.Name}' is not the sha256 id of its document: regenerate the manifest.");
            }

            if (!documents.TryAdd(entry.Name, entry.Value.GetString()!))
            {
                throw new InvalidDataException($"Entry '{entry.Name}' appears twice.");
            }
        }

        return documents;
    }
}

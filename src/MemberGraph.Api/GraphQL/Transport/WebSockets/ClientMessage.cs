using System.Diagnostics.CodeAnalysis;
using System.Text.Json;

namespace MemberGraph.GraphQL.Transport.WebSockets;

/// <summary>A client message of graphql-transport-ws, validated strictly (anything else closes with 4400).</summary>
internal sealed record ClientMessage(string Type, string? Id, JsonElement? Payload)
{
    public static bool TryParse(string text, [NotNullWhen(true)] out ClientMessage? message, out string problem)
    {
        message = null;
        problem = "Invalid message received";
        JsonElement root;
        try
        {
            using var document = JsonDocument.Parse(text);
            root = document.RootElement.Clone();
        }
        catch (JsonException)
        {
            return false;
        }

        if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("type", out var type) || type.ValueKind != JsonValueKind.String)
        {
            return false;
        }

        string? id = null;
        if (root.TryGetProperty("id", out var idElement))
        {
            if (idElement.ValueKind != JsonValueKind.String || idElement.GetString() is not { Length: > 0 })
            {
                return false;
            }

            id = idElement.GetString();
        }

        JsonElement? payload = root.TryGetProperty("payload", out var p) && p.ValueKind != JsonValueKind.Null ? p : null;
        var kind = type.GetString()!;
        switch (kind)
        {
            case "connection_init" or "ping" or "pong":
                if (payload is { ValueKind: not JsonValueKind.Object })
                {
                    return false;
                }

                break;
            case "subscribe":
                // The query, or a trusted document named by documentId or APQ's extensions.persistedQuery (see PostBody).
                if (id is null || payload is not { ValueKind: JsonValueKind.Object } subscribe ||
                    !(subscribe.TryGetProperty("query", out var query) && query.ValueKind != JsonValueKind.Null
                        ? query.ValueKind == JsonValueKind.String
                        : PostBody.NamesADocument(subscribe)))
                {
                    return false;
                }

                break;
            case "complete":
                if (id is null)
                {
                    return false;
                }

                break;
            default:
                problem = $"Unknown message type '{kind}'";
                return false;
        }

        message = new ClientMessage(kind, id, payload);
        return true;
    }
}

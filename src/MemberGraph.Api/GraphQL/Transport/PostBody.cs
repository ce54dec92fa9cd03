using System.Text.Json;
using GraphQL;
using GraphQL.Transport;

namespace MemberGraph.GraphQL.Transport;

/// <summary>
/// Reads a POST body strictly: a JSON object whose <c>query</c> is a string (or absent when <c>documentId</c> or
/// <c>extensions.persistedQuery</c> names a trusted document), <c>operationName</c> and <c>documentId</c> strings or null,
/// <c>variables</c> and <c>extensions</c> objects or null. Anything else is a 400 with a clear code.
/// The bytes are only borrowed: nothing read from them outlives this call.
/// </summary>
internal static class PostBody
{
    public static (GraphQLRequest? Request, RequestProblem? Problem) Parse(ReadOnlyMemory<byte> json, IGraphQLTextSerializer serializer)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json);
        }
        catch (JsonException)
        {
            return (null, RequestProblem.Bad(TransportErrorCodes.InvalidJson, "The body is not valid JSON."));
        }

        using (document)
        {
            if (LoneSurrogates.InJson(json.Span))
            {
                return (null, RequestProblem.Bad(TransportErrorCodes.InvalidString, LoneSurrogates.Message));
            }

            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                return (null, RequestProblem.Bad(TransportErrorCodes.InvalidRequest, "The body must be a JSON object with a 'query'."));
            }

            if (root.TryGetProperty("documentId", out var documentId) && documentId.ValueKind is not (JsonValueKind.String or JsonValueKind.Null))
            {
                return (null, RequestProblem.Bad(TransportErrorCodes.InvalidRequest, "'documentId' must be a string."));
            }

            if (!root.TryGetProperty("query", out var query) || query.ValueKind == JsonValueKind.Null)
            {
                if (!NamesADocument(root))
                {
                    return (null, RequestProblem.Bad(TransportErrorCodes.MissingQuery, "The body needs a 'query' (or the 'documentId' of a trusted document)."));
                }
            }
            else if (query.ValueKind != JsonValueKind.String)
            {
                return (null, RequestProblem.Bad(TransportErrorCodes.InvalidRequest, "'query' must be a string."));
            }

            if (root.TryGetProperty("operationName", out var name) && name.ValueKind is not (JsonValueKind.String or JsonValueKind.Null))
            {
                return (null, RequestProblem.Bad(TransportErrorCodes.InvalidRequest, "'operationName' must be a string."));
            }

            foreach (var map in new[] { "variables", "extensions" })
            {
                if (root.TryGetProperty(map, out var value) && value.ValueKind is not (JsonValueKind.Object or JsonValueKind.Null))
                {
                    return (null, RequestProblem.Bad(TransportErrorCodes.InvalidRequest, $"'{map}' must be a JSON object."));
                }
            }

            try
            {
                // From the parsed document, not from the text again.
                return (serializer.ReadNode<GraphQLRequest>(root), null);
            }
            catch (Exception ex) when (ex is JsonException or InvalidOperationException or FormatException)
            {
                return (null, RequestProblem.Bad(TransportErrorCodes.InvalidRequest, "The request could not be read as a GraphQL request."));
            }
        }
    }

    /// <summary>
    /// A trusted document named instead of sent: <c>documentId</c> (GraphQL over HTTP's persisted documents) or APQ's
    /// <c>extensions.persistedQuery</c> (Apollo clients).
    /// </summary>
    public static bool NamesADocument(JsonElement request) =>
        (request.TryGetProperty("documentId", out var id) && id.ValueKind == JsonValueKind.String)
        || (request.TryGetProperty("extensions", out var extensions) && extensions.ValueKind == JsonValueKind.Object
            && extensions.TryGetProperty("persistedQuery", out var persisted) && persisted.ValueKind == JsonValueKind.Object);
}

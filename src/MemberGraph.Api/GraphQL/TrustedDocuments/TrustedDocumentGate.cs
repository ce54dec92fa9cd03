using System.Text.Json;
using GraphQL;
using GraphQL.Transport;
using MemberGraph.Auth;
using MemberGraph.GraphQL.Transport;
using Microsoft.Extensions.Options;

namespace MemberGraph.GraphQL.TrustedDocuments;

/// <summary>
/// Trusted documents at the gateway. A request may name a listed document instead of sending it — <c>documentId:
/// "sha256:&lt;hex&gt;"</c> (GraphQL over HTTP's persisted documents), or Apollo's automatic persisted queries
/// <c>extensions.persistedQuery.sha256Hash</c> — and with <c>GraphQL:TrustedDocumentsOnly</c> the apps' callers (member,
/// guide and staff tokens, and requests without a token) may run only listed documents, named or sent as the identical text;
/// admin, ingestion and partner tokens may send any document (back office, integrations, partner gateways). Off by default:
/// then anything runs, and a listed id still resolves. Both transports ask this gate before executing.
/// </summary>
public sealed class TrustedDocumentGate
{
    private static readonly HashSet<string> FreeRoles = [Roles.Admin, Roles.Ingestion, Roles.Partner];

    private readonly IReadOnlyDictionary<string, string> _byId;
    private readonly HashSet<string> _texts;
    private readonly ILogger<TrustedDocumentGate> _logger;

    public TrustedDocumentGate(IOptions<GraphQLHttpOptions> options, ILogger<TrustedDocumentGate> logger)
    {
        _logger = logger;
        Enforced = options.Value.TrustedDocumentsOnly;
        Path = options.Value.TrustedDocumentsPath is { Length: > 0 } configured
            ? System.IO.Path.GetFullPath(configured)
            : System.IO.Path.Combine(AppContext.BaseDirectory, TrustedDocumentManifest.FileName);
        try
        {
            _byId = File.Exists(Path) ? TrustedDocumentManifest.Read(File.ReadAllText(Path)) : new Dictionary<string, string>();
            Problem = File.Exists(Path) ? null : $"No trusted-documents manifest at {Path}.";
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or JsonException or InvalidDataException)
        {
            _byId = new Dictionary<string, string>();
            Problem = $"The trusted-documents manifest at {Path} cannot be used: {ex.Message}";
        }

        _texts = _byId.Values.ToHashSet(StringComparer.Ordinal);
        if (Problem is not null && Enforced)
        {
            logger.LogCritical("GraphQL:TrustedDocumentsOnly is on, but {Problem} Members', guides' and staff requests are all refused.", Problem);
        }
    }

    /// <summary><c>GraphQL:TrustedDocumentsOnly</c>.</summary>
    public bool Enforced { get; }

    /// <summary>Where the manifest was read from (<c>GraphQL:TrustedDocumentsPath</c>, else next to the gateway's binary).</summary>
    public string Path { get; }

    /// <summary>Why there is no manifest to go by (missing, unreadable, an entry that is not its document's hash); null when read.</summary>
    public string? Problem { get; }

    public int Count => _byId.Count;

    /// <summary>
    /// The request with the text to run (a named document's listed text), or the refusal: PERSISTED_QUERY_NOT_FOUND for an id
    /// not listed and no text, TRUSTED_DOCUMENT_MISMATCH for an id and a text that disagree, TRUSTED_DOCUMENT_REQUIRED for an
    /// unlisted text from a caller held to the list.
    /// </summary>
    public (GraphQLRequest? Request, ExecutionError? Refusal) Admit(GraphQLRequest request, Caller caller)
    {
        var id = DocumentIdOf(request);
        var text = request.Query;
        if (id is not null)
        {
            if (_byId.TryGetValue(Normalized(id), out var listed))
            {
                if (text is not null && text != listed)
                {
                    return Refuse(TransportErrorCodes.TrustedDocumentMismatch, $"The text sent is not the document {id}: send one or the other.", caller);
                }

                text = listed;
            }
            else if (text is null)
            {
                return Refuse(TransportErrorCodes.PersistedQueryNotFound, $"No trusted document has the id '{id}'.", caller);
            }
            else if (TrustedDocumentManifest.Id(text) != Normalized(id))
            {
                return Refuse(TransportErrorCodes.TrustedDocumentMismatch, $"'{id}' is not the sha256 id of the text sent.", caller);
            }
        }

        if (text is null)
        {
            return Refuse(TransportErrorCodes.MissingQuery, "The request needs a 'query' (or the 'documentId' of a trusted document).", caller);
        }

        if (Enforced && !FreeRoles.Contains(caller.Role ?? "") && !_texts.Contains(text))
        {
            return Refuse(TransportErrorCodes.TrustedDocumentRequired,
                "This gateway runs only the documents of the MemberGraph apps (trusted documents) for this caller: send a listed document or its documentId.", caller);
        }

        request.Query = text;
        request.DocumentId = null;
        return (request, null);
    }

    /// <summary><c>documentId</c>, else APQ's <c>extensions.persistedQuery.sha256Hash</c> as <c>sha256:&lt;hash&gt;</c>; null when neither.</summary>
    public static string? DocumentIdOf(GraphQLRequest request)
    {
        if (request.DocumentId is { } documentId)
        {
            return documentId;
        }

        return request.Extensions?.TryGetValue("persistedQuery", out var persisted) == true
               && persisted is IDictionary<string, object?> apq && apq.TryGetValue("sha256Hash", out var hash) && hash is string hex
            ? "sha256:" + hex
            : null;
    }

    /// <summary>Hex digits are compared in lower case, as the manifest writes them (APQ clients send lower case too).</summary>
    private static string Normalized(string id) => id.StartsWith("sha256:", StringComparison.Ordinal) ? id.ToLowerInvariant() : id;

    private (GraphQLRequest?, ExecutionError?) Refuse(string code, string message, Caller caller)
    {
        _logger.LogInformation("GraphQL document refused with {Code} for a {Role} caller", code, caller.Role ?? "anonymous");
        return (null, new GraphQLRequestError(code, message));
    }
}

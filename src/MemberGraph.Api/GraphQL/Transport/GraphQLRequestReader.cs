using System.Buffers;
using System.Text;
using System.Text.Json;
using GraphQL;
using GraphQL.Transport;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Options;

namespace MemberGraph.GraphQL.Transport;

/// <summary>
/// Reads a GraphQL request from a GET query string or a POST JSON body, enforcing the request limits
/// (<see cref="GraphQLHttpOptions"/>) before anything is parsed as GraphQL.
/// </summary>
public sealed class GraphQLRequestReader(IGraphQLTextSerializer serializer, IOptions<GraphQLHttpOptions> options)
{
    internal async Task<(GraphQLRequest? Request, RequestProblem? Problem)> ReadAsync(HttpRequest http, CancellationToken cancellationToken)
    {
        var (request, problem) = HttpMethods.IsGet(http.Method) ? ReadGet(http) : await ReadPostAsync(http, cancellationToken);
        if (request?.Query is { } query && query.Length > options.Value.MaxQueryLength)
        {
            return (null, RequestProblem.Bad(TransportErrorCodes.QueryTooLong, $"The query is {query.Length} characters long; at most {options.Value.MaxQueryLength} are allowed."));
        }

        // JSON escapes were checked where the JSON was read; GraphQL's own escapes ("\uD800" in a literal) are checked here.
        if (request is not null && LoneSurrogates.InDocument(request.Query))
        {
            return (null, RequestProblem.Bad(TransportErrorCodes.InvalidString, LoneSurrogates.Message));
        }

        return (request, problem);
    }

    private (GraphQLRequest? Request, RequestProblem? Problem) ReadGet(HttpRequest http)
    {
        if (LoneSurrogates.InQueryString(http.QueryString.Value))
        {
            return (null, RequestProblem.Bad(TransportErrorCodes.InvalidString, LoneSurrogates.QueryStringMessage));
        }

        var query = http.Query;
        var documentId = query["documentId"].FirstOrDefault() is { Length: > 0 } id ? id : null;
        var named = documentId is not null || query["extensions"].FirstOrDefault()?.Contains("persistedQuery", StringComparison.Ordinal) == true;
        if (query["query"].Count > 1 || (!named && (query["query"].Count != 1 || string.IsNullOrEmpty(query["query"][0]))))
        {
            return (null, RequestProblem.Bad(TransportErrorCodes.MissingQuery, "The 'query' parameter (or the 'documentId' of a trusted document) is required."));
        }

        var request = new GraphQLRequest
        {
            Query = query["query"].FirstOrDefault() is { Length: > 0 } text ? text : null,
            OperationName = query["operationName"].FirstOrDefault(),
            DocumentId = documentId,
        };
        foreach (var json in new[] { query["variables"].FirstOrDefault(), query["extensions"].FirstOrDefault() })
        {
            if (json is { Length: > 0 } && json.Contains("\\u", StringComparison.Ordinal) && LoneSurrogates.InJson(Encoding.UTF8.GetBytes(json)))
            {
                return (null, RequestProblem.Bad(TransportErrorCodes.InvalidString, LoneSurrogates.Message));
            }
        }

        try
        {
            if (query["variables"].FirstOrDefault() is { Length: > 0 } variables)
            {
                request.Variables = serializer.Deserialize<Inputs>(variables);
            }

            if (query["extensions"].FirstOrDefault() is { Length: > 0 } extensions)
            {
                request.Extensions = serializer.Deserialize<Inputs>(extensions);
            }
        }
        catch (Exception ex) when (ex is JsonException or InvalidOperationException or FormatException)
        {
            return (null, RequestProblem.Bad(TransportErrorCodes.InvalidVariables, "'variables' and 'extensions' must be JSON objects."));
        }

        return (request, null);
    }

    private async Task<(GraphQLRequest? Request, RequestProblem? Problem)> ReadPostAsync(HttpRequest http, CancellationToken cancellationToken)
    {
        if (!MediaTypes.IsJsonRequest(http.ContentType))
        {
            return (null, new RequestProblem(StatusCodes.Status415UnsupportedMediaType, TransportErrorCodes.UnsupportedMediaType, $"Send the request as {MediaTypes.Json} in UTF-8."));
        }

        var limit = options.Value.MaxRequestBodyBytes;
        var tooLarge = new RequestProblem(StatusCodes.Status413PayloadTooLarge, TransportErrorCodes.RequestTooLarge, $"Request bodies are limited to {limit} bytes.");
        if (http.ContentLength > limit)
        {
            return (null, tooLarge);
        }

        // Our limit, not the server-wide one, governs this endpoint (in both directions).
        if (http.HttpContext.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } bodySize)
        {
            bodySize.MaxRequestBodySize = limit;
        }

        // Read into a pooled buffer sized by Content-Length when given (the common case: one read, no copies).
        var buffer = ArrayPool<byte>.Shared.Rent(http.ContentLength is { } length and > 0 ? (int)length : 4 * 1024);
        var size = 0;
        try
        {
            int read;
            while ((read = await http.Body.ReadAsync(buffer.AsMemory(size), cancellationToken)) > 0)
            {
                size += read;
                if (size > limit)
                {
                    return (null, tooLarge);
                }

                if (size == http.ContentLength)
                {
                    break;
                }

                if (size == buffer.Length)
                {
                    var larger = ArrayPool<byte>.Shared.Rent(buffer.Length * 2);
                    buffer.AsSpan(0, size).CopyTo(larger);
                    ArrayPool<byte>.Shared.Return(buffer);
                    buffer = larger;
                }
            }

            return size == 0
                ? (null, RequestProblem.Bad(TransportErrorCodes.EmptyBody, "A POST needs a JSON body with a 'query'."))
                : PostBody.Parse(buffer.AsMemory(0, size), serializer);
        }
        catch (BadHttpRequestException ex) when (ex.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            return (null, tooLarge);
        }
        catch (BadHttpRequestException ex) when (ex.StatusCode == StatusCodes.Status408RequestTimeout)
        {
            // Kestrel's minimum data rate: the client's connection, not our fault, and no exception for the log.
            return (null, new RequestProblem(StatusCodes.Status408RequestTimeout, TransportErrorCodes.RequestTimeout, "The request body arrived too slowly."));
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }
}

internal sealed record RequestProblem(int Status, string Code, string Message)
{
    public static RequestProblem Bad(string code, string message) => new(StatusCodes.Status400BadRequest, code, message);
}

using System.Text.Json;
using GraphQL;
using GraphQL.Transport;
using MemberGraph.Auth;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;

namespace MemberGraph.GraphQL.Transport;

/// <summary>
/// GraphQL over HTTP (the GraphQL-over-HTTP spec): POST with application/json, GET for queries,
/// application/graphql-response+json when accepted (with 4xx for requests that never executed) else
/// application/json (200 for every well-formed request).
/// </summary>
public sealed class GraphQLHttpMiddleware(
    GraphQLExecutor executor,
    IGraphQLTextSerializer serializer,
    IOptions<GraphQLHttpOptions> options,
    ILogger<GraphQLHttpMiddleware> logger)
{
    private const string GraphQLResponseJson = "application/graphql-response+json";
    private const string Json = "application/json";

    public async Task InvokeAsync(HttpContext http)
    {
        var isGet = HttpMethods.IsGet(http.Request.Method);
        if (!isGet && !HttpMethods.IsPost(http.Request.Method))
        {
            http.Response.Headers.Allow = "GET, POST";
            await WriteProblemAsync(http, StatusCodes.Status405MethodNotAllowed, "METHOD_NOT_ALLOWED", "Use GET for queries or POST.", Json);
            return;
        }

        var mediaType = NegotiateMediaType(http.Request);
        if (mediaType is null)
        {
            if (isGet && AcceptsHtml(http.Request))
            {
                await GraphiQLPage.WriteAsync(http);
                return;
            }

            await WriteProblemAsync(http, StatusCodes.Status406NotAcceptable, "NOT_ACCEPTABLE", $"Accept {GraphQLResponseJson} or {Json}.", Json);
            return;
        }

        var (request, problem) = isGet ? ReadGet(http.Request) : await ReadPostAsync(http.Request, http.RequestAborted);
        if (problem is not null)
        {
            await WriteProblemAsync(http, problem.Status, problem.Code, problem.Message, mediaType);
            return;
        }

        var result = await executor.ExecuteAsync(request!, Caller.From(http.User), http.RequestServices, isGet, http.RequestAborted);
        var status = StatusFor(result, mediaType, isGet);
        if (status == StatusCodes.Status405MethodNotAllowed)
        {
            http.Response.Headers.Allow = "POST";
        }

        http.Response.StatusCode = status;
        http.Response.ContentType = $"{mediaType}; charset=utf-8";
        await serializer.WriteAsync(http.Response.Body, result, http.RequestAborted);
    }

    private static int StatusFor(ExecutionResult result, string mediaType, bool isGet)
    {
        if (result.Executed)
        {
            return StatusCodes.Status200OK;
        }

        if (isGet && result.Errors?.Any(e => e.Code == GraphQLExecutor.MutationOverGetCode) == true)
        {
            return StatusCodes.Status405MethodNotAllowed;
        }

        return mediaType == GraphQLResponseJson ? StatusCodes.Status400BadRequest : StatusCodes.Status200OK;
    }

    private (GraphQLRequest? Request, RequestProblem? Problem) ReadGet(HttpRequest http)
    {
        var query = http.Query;
        if (query["query"].Count != 1 || string.IsNullOrEmpty(query["query"][0]))
        {
            return (null, RequestProblem.Bad("MISSING_QUERY", "The 'query' parameter is required."));
        }

        var request = new GraphQLRequest { Query = query["query"][0], OperationName = query["operationName"].FirstOrDefault() };
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
            return (null, RequestProblem.Bad("INVALID_VARIABLES", "'variables' and 'extensions' must be JSON objects."));
        }

        return (request, null);
    }

    private async Task<(GraphQLRequest? Request, RequestProblem? Problem)> ReadPostAsync(HttpRequest http, CancellationToken cancellationToken)
    {
        if (!MediaTypeHeaderValue.TryParse(http.ContentType, out var contentType))
        {
            return (null, new RequestProblem(StatusCodes.Status415UnsupportedMediaType, "UNSUPPORTED_MEDIA_TYPE", $"Send the request as {Json}."));
        }

        if (!contentType.MediaType.Equals(Json, StringComparison.OrdinalIgnoreCase) ||
            (contentType.Charset.HasValue && !contentType.Charset.Equals("utf-8", StringComparison.OrdinalIgnoreCase)))
        {
            return (null, new RequestProblem(StatusCodes.Status415UnsupportedMediaType, "UNSUPPORTED_MEDIA_TYPE", $"Send the request as {Json} in UTF-8."));
        }

        var limit = options.Value.MaxRequestBodyBytes;
        if (http.ContentLength > limit)
        {
            return (null, new RequestProblem(StatusCodes.Status413PayloadTooLarge, "REQUEST_TOO_LARGE", $"Request bodies are limited to {limit} bytes."));
        }

        using var body = new MemoryStream();
        var buffer = new byte[16 * 1024];
        int read;
        while ((read = await http.Body.ReadAsync(buffer, cancellationToken)) > 0)
        {
            if (body.Length + read > limit)
            {
                return (null, new RequestProblem(StatusCodes.Status413PayloadTooLarge, "REQUEST_TOO_LARGE", $"Request bodies are limited to {limit} bytes."));
            }

            body.Write(buffer, 0, read);
        }

        if (body.Length == 0)
        {
            return (null, RequestProblem.Bad("EMPTY_BODY", "A POST needs a JSON body with a 'query'."));
        }

        return PostBody.Parse(body.GetBuffer().AsMemory(0, (int)body.Length), serializer);
    }

    private static string? NegotiateMediaType(HttpRequest request)
    {
        var accept = request.GetTypedHeaders().Accept;
        if (accept.Count == 0)
        {
            return Json;
        }

        foreach (var candidate in accept.OrderByDescending(a => a.Quality ?? 1))
        {
            if (candidate.Quality == 0)
            {
                continue;
            }

            var type = candidate.MediaType.Value;
            if (string.Equals(type, GraphQLResponseJson, StringComparison.OrdinalIgnoreCase))
            {
                return GraphQLResponseJson;
            }

            if (string.Equals(type, Json, StringComparison.OrdinalIgnoreCase) || type is "*/*" or "application/*")
            {
                return Json;
            }
        }

        return null;
    }

    private static bool AcceptsHtml(HttpRequest request) =>
        request.GetTypedHeaders().Accept.Any(a => a.MediaType.Equals("text/html", StringComparison.OrdinalIgnoreCase));

    private async Task WriteProblemAsync(HttpContext http, int status, string code, string message, string mediaType)
    {
        logger.LogInformation("GraphQL request refused with {Status} {Code}: {Message}", status, code, message);
        http.Response.StatusCode = status;
        http.Response.ContentType = $"{mediaType}; charset=utf-8";
        var result = new ExecutionResult { Executed = false, Errors = [new GraphQLRequestError(code, message)] };
        await serializer.WriteAsync(http.Response.Body, result, http.RequestAborted);
    }
}

internal sealed record RequestProblem(int Status, string Code, string Message)
{
    public static RequestProblem Bad(string code, string message) => new(StatusCodes.Status400BadRequest, code, message);
}

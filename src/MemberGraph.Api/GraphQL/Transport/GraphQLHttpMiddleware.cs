using GraphQL;
using GraphQL.Execution;
using MemberGraph.Auth;
using MemberGraph.Hosting.RateLimiting;

namespace MemberGraph.GraphQL.Transport;

/// <summary>
/// GraphQL over HTTP (the GraphQL-over-HTTP spec, checked by the graphql-http audit in the tests): POST with
/// application/json, GET for queries only, application/graphql-response+json when accepted (4xx for requests
/// that never executed) else application/json (200 for every well-formed request). A browser asking for
/// HTML without a query gets the query page.
/// </summary>
public sealed class GraphQLHttpMiddleware(
    GraphQLExecutor executor,
    GraphQLRequestReader reader,
    IGraphQLTextSerializer serializer,
    ILogger<GraphQLHttpMiddleware> logger)
{
    public async Task InvokeAsync(HttpContext http)
    {
        var isGet = HttpMethods.IsGet(http.Request.Method);
        if (!isGet && !HttpMethods.IsPost(http.Request.Method))
        {
            http.Response.Headers.Allow = "GET, POST";
            await WriteProblemAsync(http, new RequestProblem(StatusCodes.Status405MethodNotAllowed, TransportErrorCodes.MethodNotAllowed, "Use GET for queries or POST."), MediaTypes.Json);
            return;
        }

        if (isGet && !http.Request.Query.ContainsKey("query") && MediaTypes.AcceptsHtml(http.Request))
        {
            await GraphiQLPage.WriteAsync(http);
            return;
        }

        var mediaType = MediaTypes.Negotiate(http.Request);
        if (mediaType is null)
        {
            await WriteProblemAsync(http, new RequestProblem(StatusCodes.Status406NotAcceptable, TransportErrorCodes.NotAcceptable,
                $"Accept {MediaTypes.GraphQLResponseJson} or {MediaTypes.Json}."), MediaTypes.Json);
            return;
        }

        var (request, problem) = await reader.ReadAsync(http.Request, http.RequestAborted);
        if (problem is not null)
        {
            await WriteProblemAsync(http, problem, mediaType);
            return;
        }

        var result = await executor.ExecuteAsync(
            request!, http.Caller(), ClientAddress.Of(http), http.RequestServices, isGet, http.RequestAborted);
        var status = StatusFor(result, mediaType, isGet);
        if (status == StatusCodes.Status405MethodNotAllowed)
        {
            http.Response.Headers.Allow = "POST";
        }

        if (RateLimitRefusal.RetryAfterOf(result) is { } seconds)
        {
            // Whatever the media type: like 413 or 415, a refusal of the transport, not a GraphQL answer.
            status = StatusCodes.Status429TooManyRequests;
            http.Response.Headers.RetryAfter = seconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
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

        if (isGet && result.Errors?.Any(e => e.Code == TransportErrorCodes.MutationOverGet) == true)
        {
            return StatusCodes.Status405MethodNotAllowed;
        }

        if (mediaType != MediaTypes.GraphQLResponseJson)
        {
            return StatusCodes.Status200OK;
        }

        // A request that failed before execution on our side (not because of the request) is a 500, not a 400.
        return result.Errors?.Any(e => e is UnhandledError) == true ? StatusCodes.Status500InternalServerError : StatusCodes.Status400BadRequest;
    }

    private async Task WriteProblemAsync(HttpContext http, RequestProblem problem, string mediaType)
    {
        logger.LogInformation("GraphQL request refused with {Status} {Code}: {Message}", problem.Status, problem.Code, problem.Message);
        http.Response.StatusCode = problem.Status;
        http.Response.ContentType = $"{mediaType}; charset=utf-8";
        var result = new ExecutionResult { Executed = false, Errors = [new GraphQLRequestError(problem.Code, problem.Message)] };
        await serializer.WriteAsync(http.Response.Body, result, http.RequestAborted);
    }
}

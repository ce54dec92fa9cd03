using GraphQL;
using GraphQL.Transport;
using GraphQLParser.Exceptions;
using MemberGraph.Audit;
using MemberGraph.Auth;
using MemberGraph.Data;
using MemberGraph.Domain;
using MemberGraph.GraphQL.DataLoaders;
using MemberGraph.GraphQL.TrustedDocuments;
using MemberGraph.Members;

namespace MemberGraph.GraphQL.Transport;

/// <summary>
/// Executes one GraphQL request for a caller; shared by the HTTP and WebSocket transports. The trusted-documents gate comes
/// first: it turns a document id into the listed text, and refuses what the caller may not run. A member token whose member
/// has been erased executes as anonymous (<see cref="ErasedMemberTokens"/>). What it answers about members goes to the
/// access log before it is sent (<see cref="AccessRecorder"/>).
/// </summary>
public sealed class GraphQLExecutor(
    IDocumentExecuter<MemberGraphSchema> executer,
    TrustedDocumentGate trustedDocuments,
    AccessRecorder accessLog,
    DatabaseProvider database,
    ILogger<GraphQLExecutor> logger)
{
    public const string MutationOverGetCode = "HTTP_METHOD_NOT_ALLOWED";

    /// <param name="clientAddress">The client's address as a rate-limit partition (<see cref="Hosting.RateLimiting.ClientAddress"/>).</param>
    public async Task<ExecutionResult> ExecuteAsync(
        GraphQLRequest request, Caller caller, string clientAddress, IServiceProvider services, bool isHttpGet, CancellationToken cancellationToken)
    {
        var (admitted, refusal) = trustedDocuments.Admit(request, caller);
        if (refusal is not null)
        {
            return new ExecutionResult { Executed = false, Errors = [refusal] };
        }

        // On a bounded pool the loaders' connection gives way to any other this execution opens (see LoaderDb); set here, the holder
        // is seen by what it awaits and forgotten when it returns. SQLite's pool has no bound and no interceptor to see it, and an
        // async-local set for nothing makes every later one (EF's concurrency check's included) copy a larger map.
        if (!database.IsSqlite)
        {
            HeldConnectionYield.Hold(services.GetRequiredService<LoaderDb>());
        }

        try
        {
            if (caller is { Role: Roles.Member, MemberId: { } memberId } && await IsErasedAsync(services, memberId, cancellationToken))
            {
                // The member was erased since the token was issued: it stands for nobody (README "Privacy (PIPL)").
                caller = Caller.Anonymous;
            }

            return await ExecuteCoreAsync(admitted!, caller, clientAddress, services, isHttpGet, cancellationToken);
        }
        finally
        {
            // The loaders' connection is held for one execution only (a WebSocket's scope outlives many).
            await services.GetRequiredService<LoaderDb>().ReleaseAsync();
        }
    }

    /// <summary>
    /// On the request's loader context: the connection the check opens is the one the execution's loaders read on (opening
    /// one costs more than the reads of a small query). On a bounded pool, a mutation's service opening its own for its
    /// transaction makes this one yield first (<see cref="HeldConnectionYield"/>): a request holds one connection at a time.
    /// </summary>
    private static Task<bool> IsErasedAsync(IServiceProvider services, long memberId, CancellationToken cancellationToken)
    {
        var erased = services.GetRequiredService<ErasedMemberTokens>();
        return services.GetRequiredService<LoaderDb>().ReadAsync(db => erased.IsErasedAsync(db, memberId, cancellationToken), cancellationToken);
    }

    private async Task<ExecutionResult> ExecuteCoreAsync(
        GraphQLRequest request, Caller caller, string clientAddress, IServiceProvider services, bool isHttpGet, CancellationToken cancellationToken)
    {
        var context = new GraphQLContext(caller) { IsHttpGet = isHttpGet, ClientAddress = clientAddress };
        var result = await ExecuteDocumentAsync(request, context, services, cancellationToken);
        return await accessLog.RecordOrWithholdAsync(result, context, cancellationToken);
    }

    private Task<ExecutionResult> ExecuteDocumentAsync(GraphQLRequest request, GraphQLContext context, IServiceProvider services, CancellationToken cancellationToken) =>
        executer.ExecuteAsync(new ExecutionOptions
        {
            Query = request.Query,
            OperationName = request.OperationName,
            Variables = request.Variables,
            Extensions = request.Extensions,
            UserContext = context,
            RequestServices = services,
            CancellationToken = cancellationToken,
            UnhandledExceptionDelegate = failure =>
            {
                if (failure.Exception is RequestRefusedException refusal)
                {
                    // A service refused the request (not authorized, not found, bad input): the client's answer, not our fault.
                    failure.Exception = GraphQLRequestError.From(refusal);
                    return Task.CompletedTask;
                }

                if (failure.Exception is GraphQLMaxDepthExceededException)
                {
                    // The parser's recursion guard tripped: the client's document is at fault, not us.
                    failure.Exception = new GraphQLRequestError(TransportErrorCodes.QueryTooDeep, "The document nests deeper than the parser allows.");
                    return Task.CompletedTask;
                }

                if (failure.Exception is not OperationCanceledException)
                {
                    logger.LogError(failure.Exception, "Unhandled error in GraphQL field {Field} of {Operation}", failure.FieldContext?.FieldDefinition.Name, request.OperationName ?? "(anonymous)");
                }

                return Task.CompletedTask;
            },
        });
}

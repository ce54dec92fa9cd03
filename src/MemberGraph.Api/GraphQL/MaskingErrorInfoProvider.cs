using GraphQL;
using GraphQL.Execution;

namespace MemberGraph.GraphQL;

/// <summary>
/// Shows clients the message and code of errors made for them, and nothing of unexpected exceptions:
/// no exception text, no stack trace, no SQL. The exception itself is logged by the transport
/// (<see cref="Transport.GraphQLExecutor"/>).
/// </summary>
public sealed class MaskingErrorInfoProvider() : ErrorInfoProvider(new ErrorInfoProviderOptions
{
    ExposeCode = true,
    ExposeCodes = false,
    ExposeData = false,
    ExposeExceptionDetails = false,
})
{
    public const string MaskedMessage = "Something went wrong on our side; it has been logged.";

    public override ErrorInfo GetInfo(ExecutionError executionError)
    {
        if (executionError is UnhandledError)
        {
            var masked = new ExecutionError(MaskedMessage) { Code = ErrorCodes.Internal };
            if (executionError.Locations is { } locations)
            {
                foreach (var location in locations)
                {
                    masked.AddLocation(location);
                }
            }

            masked.Path = executionError.Path;
            return base.GetInfo(masked);
        }

        var info = base.GetInfo(executionError);
        if (executionError is CodedValidationError && info.Extensions is { } extensions)
        {
            // Our coded validation errors have no spec section number; GraphQL.NET would repeat the code there.
            extensions.Remove("number");
        }

        if (executionError is GraphQLRequestError { Details: { } details })
        {
            info.Extensions ??= new Dictionary<string, object?>();
            foreach (var (key, value) in details)
            {
                info.Extensions[key] = value;
            }
        }

        return info;
    }
}

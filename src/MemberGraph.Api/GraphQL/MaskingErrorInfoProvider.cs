using GraphQL;
using GraphQL.Execution;

namespace MemberGraph.GraphQL;

/// <summary>
/// Shows clients the message and code of errors made for them, and nothing of unexpected exceptions:
/// no exception text, no stack trace, no SQL. The exception itself is logged by the transport.
/// </summary>
public sealed class MaskingErrorInfoProvider() : ErrorInfoProvider(new ErrorInfoProviderOptions
{
    ExposeCode = true,
    ExposeCodes = false,
    ExposeData = false,
    ExposeExceptionDetails = false,
})
{
    public override ErrorInfo GetInfo(ExecutionError executionError)
    {
        if (executionError is UnhandledError)
        {
            var masked = new ExecutionError("Something went wrong on our side; it has been logged.") { Code = ErrorCodes.Internal };
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

        return base.GetInfo(executionError);
    }
}

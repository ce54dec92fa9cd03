namespace MemberGraph.Domain;

/// <summary>
/// A service refusing the whole request rather than answering a mutation with a payload error: the caller may not do
/// or see this, what was asked for is not known, or an argument cannot be read. It is thrown because it ends the field
/// (there is no payload to put it in); the API shows it to the client as a GraphQL error whose <c>extensions.code</c>
/// is <see cref="Code"/> and whose message is this message, unchanged. Payload refusals are <see cref="UserError"/>s
/// in an <see cref="Outcome{T}"/>: results, not exceptions.
/// </summary>
public sealed class RequestRefusedException(string code, string message) : Exception(message)
{
    /// <summary>One of <see cref="RefusalCodes"/>.</summary>
    public string Code { get; } = code;

    public static RequestRefusedException NotAuthorized(string? what = null) =>
        new(RefusalCodes.NotAuthorized, what is null ? "You are not allowed to see or change this." : $"You are not allowed to {what}.");

    public static RequestRefusedException BadInput(string message) => new(RefusalCodes.BadUserInput, message);

    public static RequestRefusedException NotFound(string message) => new(RefusalCodes.NotFound, message);
}

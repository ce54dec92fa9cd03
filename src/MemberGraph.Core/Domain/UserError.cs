namespace MemberGraph.Domain;

/// <summary>
/// A business refusal returned in a mutation payload's <c>errors</c> (the mutation ran and said no):
/// a <see cref="UserErrorCode"/>, a message for people, and the input field it concerns.
/// </summary>
public sealed record UserError(UserErrorCode Code, string Message, string? Field = null);

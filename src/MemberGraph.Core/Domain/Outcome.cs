namespace MemberGraph.Domain;

/// <summary>
/// What a domain service answers: the value, or the business refusal (a <see cref="UserError"/>) that the
/// mutation returns in its payload. Refusals are results, not exceptions.
/// </summary>
public sealed record Outcome<T>(T? Value, UserError? Error)
{
    public bool Succeeded => Error is null;

    public static Outcome<T> Ok(T value) => new(value, null);

    public static Outcome<T> Refused(UserErrorCode code, string message, string? field = null) => new(default, new UserError(code, message, field));

    public static implicit operator Outcome<T>(UserError error) => new(default, error);
}

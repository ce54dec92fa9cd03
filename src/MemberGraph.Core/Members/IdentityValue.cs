namespace MemberGraph.Members;

/// <summary>
/// Whether an identity value a channel sends can stand for a person. Staff at the till only ever see masked values
/// (<see cref="Masking"/>: <c>140****0023</c>, <c>oAb***xYz</c>); one typed back into an order would be a new identity
/// nobody else has, and OneID would create a member for it. So a value with a mask character, a blank one, or a phone
/// that is not a mainland mobile number (11 digits, 1[3-9]...) is refused before anything is resolved.
/// </summary>
public static class IdentityValue
{
    public const int MaxLength = 128;

    /// <summary>Why <paramref name="externalId"/> cannot be a <paramref name="channel"/> identity; null when it can.</summary>
    public static string? Problem(IdentityChannel channel, string? externalId)
    {
        if (string.IsNullOrWhiteSpace(externalId))
        {
            return "The external id is empty.";
        }

        if (externalId.Contains('*'))
        {
            return "The external id is masked (it contains '*'): use the member code or the member's id instead.";
        }

        if (externalId.Length > MaxLength)
        {
            return $"The external id has more than {MaxLength} characters.";
        }

        return channel == IdentityChannel.Phone && !IsMainlandMobile(externalId)
            ? "A PHONE identity is a mainland mobile number: 11 digits starting with 13 to 19."
            : null;
    }

    /// <summary>11 ASCII digits starting with 1[3-9], nothing else (no +86, spaces or dashes).</summary>
    public static bool IsMainlandMobile(string value) =>
        value.Length == 11 && value[0] == '1' && value[1] is >= '3' and <= '9' && value.All(char.IsAsciiDigit);
}

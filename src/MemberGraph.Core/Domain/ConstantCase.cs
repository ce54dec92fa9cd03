namespace MemberGraph.Domain;

/// <summary>
/// An enum value in the schema's spelling (<c>MiniProgram</c> → <c>MINI_PROGRAM</c>), for the few places where the domain
/// speaks the API's words without GraphQL at hand: the <c>channel:</c> scopes of a token and the messages that name a
/// channel. GraphQL.NET spells enum values the same way; a test holds the two together for every channel.
/// </summary>
public static class ConstantCase
{
    public static string Of(Enum value)
    {
        var name = value.ToString();
        var spelled = new System.Text.StringBuilder(name.Length + 4);
        for (var i = 0; i < name.Length; i++)
        {
            var c = name[i];
            var startsWord = i > 0 && char.IsUpper(c)
                && (char.IsLower(name[i - 1]) || char.IsDigit(name[i - 1]) || (i + 1 < name.Length && char.IsLower(name[i + 1])));
            if (startsWord)
            {
                spelled.Append('_');
            }

            spelled.Append(char.ToUpperInvariant(c));
        }

        return spelled.ToString();
    }
}

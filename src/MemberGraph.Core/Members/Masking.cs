namespace MemberGraph.Members;

/// <summary>How personal data is shown to anyone but the member themselves.</summary>
public static class Masking
{
    /// <summary>138****1234: the first three and last four digits.</summary>
    public static string? Phone(string? phone) =>
        phone is null ? null : phone.Length < 8 ? new string('*', phone.Length) : $"{phone[..3]}****{phone[^4..]}";

    /// <summary>External ids keep their first and last three characters: <c>oAb***xYz</c>.</summary>
    public static string ExternalId(string id) =>
        id.Length <= 6 ? new string('*', id.Length) : $"{id[..3]}***{id[^3..]}";
}

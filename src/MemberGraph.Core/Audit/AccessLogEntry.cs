namespace MemberGraph.Audit;

/// <summary>
/// One read of another person's personal information (PIPL): who (the token's subject and role) read whose (the member)
/// which fields, through which root field, when. One row per request, member and root field, the fields as one compact
/// comma-separated list, so a busy sidebar or till writes a narrow row per card shown (written in batches by
/// <see cref="AccessLog"/>). No foreign key: the log outlives whatever it names and is written without looking anything up.
/// </summary>
public sealed class AccessLogEntry
{
    public const int MaxFieldsLength = 1000;

    public long Id { get; set; }
    public DateTime At { get; set; }
    public string Subject { get; set; } = "";
    public string Role { get; set; } = "";
    public long MemberId { get; set; }

    /// <summary>The root field the member was read through: <c>memberByCode</c>, <c>sidebarContext</c>, <c>member</c>, <c>_entities</c>, ...</summary>
    public string Operation { get; set; } = "";

    /// <summary>The fields read of the member (and of the card or entity showing them), sorted, comma-separated.</summary>
    public string Fields { get; set; } = "";
}

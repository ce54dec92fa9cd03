namespace MemberGraph.Guides;

public sealed class BindGuideInput
{
    public string? GuideCode { get; set; }
    public string? GuideId { get; set; }
    public string? MemberId { get; set; }
    public RelationshipSource Source { get; set; }
    public string? SourceDetail { get; set; }
}

public sealed class SignInWithWeComInput
{
    public string Code { get; set; } = "";
}

public sealed class GuideIdInput
{
    public string GuideId { get; set; } = "";
}

public sealed class TransferCustomersInput
{
    public string FromGuideId { get; set; } = "";
    public string ToGuideId { get; set; } = "";
    public List<string>? MemberIds { get; set; }
    public string Reason { get; set; } = "";
}

public sealed class CompleteDueTransfersInput
{
    public int? Limit { get; set; }
}

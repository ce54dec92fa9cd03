namespace MemberGraph.Privacy;

// The CLR shapes of the consent mutations' inputs (GraphQL input types in the Api's Privacy/ConsentInputTypes.cs).

/// <summary>What <c>wx.requestSubscribeMessage</c> answered, per template the member was asked about.</summary>
public sealed class RecordSubscribeMessageConsentInput
{
    public List<SubscribeMessageResultInput> Results { get; set; } = [];
}

public sealed class SubscribeMessageResultInput
{
    public string TemplateId { get; set; } = "";

    /// <summary>WeChat's <c>accept</c>; its <c>reject</c>, <c>ban</c> and <c>filter</c> are all false.</summary>
    public bool Accepted { get; set; }
}

public sealed class RecordGuideOutreachConsentInput
{
    public bool Granted { get; set; }
}

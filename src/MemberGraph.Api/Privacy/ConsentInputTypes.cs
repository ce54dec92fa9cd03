using GraphQL.Types;

namespace MemberGraph.Privacy;

public sealed class RecordSubscribeMessageConsentInputType : InputObjectGraphType<RecordSubscribeMessageConsentInput>
{
    public RecordSubscribeMessageConsentInputType()
    {
        Name = "RecordSubscribeMessageConsentInput";
        Description = "What wx.requestSubscribeMessage answered in the mini-program.";
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<SubscribeMessageResultInputType>>>>("results")
            .Description($"One answer per template asked about: 1 to {MarketingConsentService.MaxTemplatesPerRequest}, each template once.");
    }
}

public sealed class SubscribeMessageResultInputType : InputObjectGraphType<SubscribeMessageResultInput>
{
    public SubscribeMessageResultInputType()
    {
        Name = "SubscribeMessageResultInput";
        Description = "The answer for one template.";
        Field<NonNullGraphType<StringGraphType>>("templateId").Description("The template id (one of subscribeMessageTemplates).");
        Field<NonNullGraphType<BooleanGraphType>>("accepted")
            .Description("True for WeChat's 'accept'; false for 'reject', 'ban' or 'filter' (the member's remaining acceptances are withdrawn).");
    }
}

public sealed class RecordGuideOutreachConsentInputType : InputObjectGraphType<RecordGuideOutreachConsentInput>
{
    public RecordGuideOutreachConsentInputType()
    {
        Name = "RecordGuideOutreachConsentInput";
        Description = "Whether guides may contact the member proactively.";
        Field<NonNullGraphType<BooleanGraphType>>("granted").Description("True to opt in, false to opt out.");
    }
}

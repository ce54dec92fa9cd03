using MemberGraph.Domain;

namespace MemberGraph.Privacy;

/// <summary>The business refusals of the consent mutations, worded once.</summary>
public static class ConsentErrors
{
    public static UserError ResultsCount() =>
        new(UserErrorCode.InvalidInput,
            $"Give what wx.requestSubscribeMessage answered for 1 to {MarketingConsentService.MaxTemplatesPerRequest} templates.", "results");

    public static UserError TemplateTwice(string templateId) =>
        new(UserErrorCode.InvalidInput, $"Template '{templateId}' is given twice: give each template's answer once.", "results");

    public static UserError UnknownTemplate(string templateId) =>
        new(UserErrorCode.SubscribeTemplateUnknown,
            $"'{templateId}' is not a subscribe-message template this mini-program sends: ask subscribeMessageTemplates for the ids.", "results");

    public static UserError MemberNotActive() =>
        new(UserErrorCode.NotFound, "This member is no longer active.", null);
}

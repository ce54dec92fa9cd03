using GraphQL;
using GraphQL.Types;
using GraphQL.Types.Relay;
using MemberGraph.Domain;
using MemberGraph.GraphQL;
using MemberGraph.GraphQL.DataLoaders;
using MemberGraph.GraphQL.Relay;
using MemberGraph.Partners;

namespace MemberGraph.Privacy;

/// <summary>Whose consents a <see cref="MemberConsentsType"/> shows: the member (after merges).</summary>
public sealed record MemberConsents(long MemberId);

public sealed class MemberConsentsType : ObjectGraphType<MemberConsents>
{
    public MemberConsentsType()
    {
        Name = "MemberConsents";
        Description = "A member's consents (PIPL), for the member themselves and admins: what they allow now, and the ledger of every change " +
                      "— marketing (subscribe messages, guide outreach) and sharing with partners alike.";
        Field<NonNullGraphType<BooleanGraphType>>("guideOutreach")
            .Description("Whether guides may contact the member proactively (GUIDE_OUTREACH): messages the member did not ask for, guide " +
                         "tasks aimed at them. Answering the member in a chat they started needs no consent.")
            .Resolve(ctx => ctx.MarketingConsentsByMember().Load(ctx.Source.MemberId)
                .Then(rows => rows.Any(c => c.Purpose == ConsentPurpose.GuideOutreach)));
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<SubscribeMessageConsentType>>>>("subscribeMessages")
            .Description("The subscribe-message templates the member has acceptances left for, each allowing that many messages.")
            .Resolve(ctx => ctx.MarketingConsentsByMember().Load(ctx.Source.MemberId)
                .Then(rows => rows.Where(c => c.Purpose == ConsentPurpose.SubscribeMessage).ToList()));
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<PartnerConsentType>>>>("partners")
            .Description("The partners the member shares with now, per purpose, oldest first.")
            .Resolve(ctx => ctx.PartnerConsentsByMember().Load(ctx.Source.MemberId));
        Field<NonNullGraphType<ConsentLedgerConnectionType>>("ledger")
            .Description("Every change of the member's consents, newest first: only appended, never changed.")
            .Resolve(ctx =>
            {
                var page = PageRequest.From(ctx);
                var memberId = ctx.Source.MemberId;
                var count = ctx.WantsTotalCount() ? ctx.ConsentLedgerCountByMember().Load(memberId) : null;
                return ctx.ConsentLedgerByMember(page).Load(memberId).Then(async (rows, ct) =>
                    Connections.Build(rows, page, e => e.Id, count is null ? null : await count.GetResultAsync(ct)));
            })
            .FieldType.WithPagingArguments();
    }
}

public sealed class SubscribeMessageConsentType : ObjectGraphType<MarketingConsent>
{
    public SubscribeMessageConsentType()
    {
        Name = "SubscribeMessageConsent";
        Description = "The member's acceptances of one subscribe-message template (wx.requestSubscribeMessage): as on WeChat, each " +
                      "acceptance allows one message of the template, and each message sent takes one.";
        Field<NonNullGraphType<StringGraphType>>("templateId").Description("The template id.").Resolve(ctx => ctx.Source.TemplateId);
        Field<SubscribeMessagePurposeType>("purpose")
            .Description("What the gateway sends with this template; null for a template no longer configured (nothing is sent with it).")
            .Resolve(ctx => ctx.Service<SubscribeMessageTemplates>().PurposeOf(ctx.Source.TemplateId));
        Field<NonNullGraphType<IntGraphType>>("remaining").Description("Acceptances not used yet: how many more messages may be sent.")
            .Resolve(ctx => ctx.Source.Remaining ?? 0);
        Field<NonNullGraphType<DateTimeGraphType>>("lastAcceptedAt").Description("The latest acceptance (UTC).").Resolve(ctx => ctx.Source.LastGrantedAt);
    }
}

public sealed class ConsentLedgerEntryType : ObjectGraphType<ConsentLedgerEntry>
{
    public ConsentLedgerEntryType()
    {
        Name = "ConsentLedgerEntry";
        Description = "One change of a member's consent, of any purpose (PIPL): only appended, never changed. Each acceptance of a " +
                      "subscribe-message template is an entry of its own; a call that changes nothing writes none.";
        Field<NonNullGraphType<IdGraphType>>("memberId").Description("Who: the member whose consent it is.")
            .Resolve(ctx => GlobalId.Encode("Member", ctx.Source.MemberId));
        Field<NonNullGraphType<ConsentPurposeType>>("purpose").Description("What for.").Resolve(ctx => ctx.Source.Purpose);
        Field<StringGraphType>("templateId").Description("The subscribe-message template (SUBSCRIBE_MESSAGE only).").Resolve(ctx => ctx.Source.TemplateId);
        Field<PartnerType>("partner").Description("The partner (the PARTNER_ purposes only).")
            .Resolve(ctx => ctx.Source.PartnerId is { } id ? ctx.PartnerById().Load(id) : null);
        Field<NonNullGraphType<ConsentActionType>>("action").Description("Granted or revoked.").Resolve(ctx => ctx.Source.Action);
        Field<NonNullGraphType<ConsentChannelType>>("channel").Description("Where.").Resolve(ctx => ctx.Source.Channel);
        Field<NonNullGraphType<DateTimeGraphType>>("at").Description("When (UTC).").Resolve(ctx => ctx.Source.At);
    }
}

public sealed class ConsentLedgerConnectionType : ConnectionType<ConsentLedgerEntryType>
{
    public ConsentLedgerConnectionType() => Description = "A page of a member's consent ledger.";
}

public sealed class ConsentPurposeType : EnumerationGraphType<ConsentPurpose>
{
    public ConsentPurposeType()
    {
        Name = "ConsentPurpose";
        Description = "What a consent is for: SUBSCRIBE_MESSAGE (messages of one WeChat subscribe-message template), GUIDE_OUTREACH (guides " +
                      "may contact the member proactively), PARTNER_BENEFITS and PARTNER_POINTS_EXCHANGE (sharing with one partner).";
    }
}

public sealed class ConsentActionType : EnumerationGraphType<ConsentAction>
{
    public ConsentActionType()
    {
        Name = "ConsentAction";
        Description = "GRANTED or REVOKED.";
    }
}

public sealed class SubscribeMessagePurposeType : EnumerationGraphType<SubscribeMessagePurpose>
{
    public SubscribeMessagePurposeType()
    {
        Name = "SubscribeMessagePurpose";
        Description = "What a subscribe-message template is sent for: COUPON_EXPIRING (a coupon of the member's expires soon).";
    }
}

/// <summary>A configured template: what it is for and its id.</summary>
public sealed record SubscribeMessageTemplate(SubscribeMessagePurpose Purpose, string TemplateId);

public sealed class SubscribeMessageTemplateType : ObjectGraphType<SubscribeMessageTemplate>
{
    public SubscribeMessageTemplateType()
    {
        Name = "SubscribeMessageTemplate";
        Description = "A subscribe-message template the gateway sends: the mini-program passes its id to wx.requestSubscribeMessage.";
        Field<NonNullGraphType<SubscribeMessagePurposeType>>("purpose").Description("What it is sent for.").Resolve(ctx => ctx.Source.Purpose);
        Field<NonNullGraphType<StringGraphType>>("templateId").Description("The template id.").Resolve(ctx => ctx.Source.TemplateId);
    }
}

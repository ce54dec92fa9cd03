using System.Text.Json;
using GraphQL;
using GraphQL.Types;
using GraphQL.Types.Relay;
using MemberGraph.Data;
using MemberGraph.Domain;
using MemberGraph.GraphQL.Relay;
using Microsoft.EntityFrameworkCore;

namespace MemberGraph.Operations.Journeys;

public sealed class JourneyType : ObjectGraphType<Journey>
{
    public JourneyType()
    {
        Name = "Journey";
        Description = "An automated member journey: trigger → wait → condition → actions, with its funnel counts.";
        Field<NonNullGraphType<IdGraphType>>("id").Description("Global, opaque id.").Resolve(ctx => GlobalId.Encode("Journey", ctx.Source.Id));
        Field(j => j.Name).Description("Unique name.");
        Field(j => j.Status, type: typeof(NonNullGraphType<JourneyStatusType>)).Description("DRAFT, ACTIVE or PAUSED.");
        Field(j => j.TriggerKind, type: typeof(NonNullGraphType<JourneyTriggerKindType>)).Description("What enrols a member.");
        Field(j => j.TriggerPurchaseNumber, nullable: true).Description("NTH_PURCHASE: which order.");
        Field<IdGraphType>("triggerSegmentId").Description("ENTERED_SEGMENT: the segment.")
            .Resolve(ctx => ctx.Source.TriggerSegmentId is { } id ? GlobalId.Encode("Segment", id) : null);
        Field(j => j.WaitMinutes).Description("Minutes between the trigger and the actions.");
        Field<IdGraphType>("conditionSegmentId").Description("The saved segment the member must be in when the wait is over.")
            .Resolve(ctx => ctx.Source.ConditionSegmentId is { } id ? GlobalId.Encode("Segment", id) : null);
        Field(j => j.ConditionExpression, nullable: true).Description("The expression the member must match when the wait is over.");
        Field(j => j.Actions, type: typeof(NonNullGraphType<ListGraphType<NonNullGraphType<JourneyActionType>>>)).Description("The actions, in order.");
        Field<FrequencyCapType>("frequencyCap").Description("The cap across journeys, if any.")
            .Resolve(ctx => ctx.Source is { CapMaxActions: { } max, CapPerDays: { } days } ? new FrequencyCapInput { MaxTouches = max, PerDays = days } : null);
        Field(j => j.ConversionWindowDays).Description("An order within this many days after the actions is a conversion.");
        Field(j => j.Owner).Description("Who defined it.");
        Field(j => j.CreatedAt).Description("When it was defined (UTC).");
        Field(j => j.UpdatedAt).Description("When it was last changed (UTC).");
        Field<NonNullGraphType<JourneyCountsType>>("counts")
            .Description("The funnel, counted now in SQL (two queries per journey: read it for one journey or a short list).")
            .ResolveAsync(async ctx =>
            {
                await using var db = await ctx.RequestServices!.GetRequiredService<IDbContextFactory<MemberGraphDb>>().CreateDbContextAsync(ctx.CancellationToken);
                return await JourneyCounts.OfAsync(db, ctx.Source.Id, ctx.CancellationToken);
            });
        Field<NonNullGraphType<JourneyEnrolmentConnectionType>>("enrolments")
            .Description("Its enrolments, newest first (keyset paging), for inspection.")
            .ResolveAsync(async ctx =>
            {
                var page = PageRequest.From(ctx);
                await using var db = await ctx.RequestServices!.GetRequiredService<IDbContextFactory<MemberGraphDb>>().CreateDbContextAsync(ctx.CancellationToken);
                var all = db.JourneyEnrolments.AsNoTracking().Where(e => e.JourneyId == ctx.Source.Id);
                var rows = await all.Where(e => page.After == null || e.Id < page.After).OrderByDescending(e => e.Id).Take(page.First + 1)
                    .ToListAsync(ctx.CancellationToken);
                int? total = ctx.WantsTotalCount() ? await all.CountAsync(ctx.CancellationToken) : null;
                return Connections.Build(rows, page, e => e.Id, total);
            })
            .FieldType.WithPagingArguments();
    }
}

public sealed class JourneyActionType : ObjectGraphType<JourneyAction>
{
    public JourneyActionType()
    {
        Name = "JourneyAction";
        Description = "One action of a journey.";
        Field(a => a.Kind, type: typeof(NonNullGraphType<JourneyActionKindType>)).Description("What it does.");
        Field<IdGraphType>("couponTemplateId").Description("ISSUE_COUPON: the template.")
            .Resolve(ctx => ctx.Source.CouponTemplateId is { } id ? GlobalId.Encode("CouponTemplate", id) : null);
        Field<StringGraphType>("templateId").Description("SUBSCRIBE_MESSAGE: the WeChat template.").Resolve(ctx => ctx.Source.SubscribeTemplateId);
        Field(a => a.Page, nullable: true).Description("SUBSCRIBE_MESSAGE: the page it opens.");
        Field<ListGraphType<NonNullGraphType<SubscribeMessageKeywordType>>>("data").Description("SUBSCRIBE_MESSAGE: the keywords.")
            .Resolve(ctx => ctx.Source.DataJson is { } json
                ? JsonSerializer.Deserialize<Dictionary<string, string>>(json)!.Select(d => new KeywordInput { Key = d.Key, Value = d.Value }).ToList()
                : null);
    }
}

public sealed class SubscribeMessageKeywordType : ObjectGraphType<KeywordInput>
{
    public SubscribeMessageKeywordType()
    {
        Name = "SubscribeMessageKeyword";
        Description = "One keyword of a subscribe message.";
        Field(k => k.Key).Description("The keyword name.");
        Field(k => k.Value).Description("Its value.");
    }
}

public sealed class FrequencyCapType : ObjectGraphType<FrequencyCapInput>
{
    public FrequencyCapType()
    {
        Name = "FrequencyCap";
        Description = "At most maxTouches journeys act on one member in perDays days.";
        Field(c => c.MaxTouches).Description("Touches allowed.");
        Field(c => c.PerDays).Description("In so many days.");
    }
}

public sealed class JourneyCountsType : ObjectGraphType<JourneyCounts>
{
    public JourneyCountsType()
    {
        Name = "JourneyCounts";
        Description = "A journey's funnel.";
        Field(c => c.Entered).Description("Enrolments in all.");
        Field(c => c.Waiting).Description("Waiting for their time (or for the journey to be activated again).");
        Field(c => c.Acted).Description("Acted on: at least one action done.");
        Field(c => c.Skipped).Description("Left out: condition not met, frequency cap, no consent, coupon refused.");
        Field(c => c.Failed).Description("Given up after repeated errors.");
        Field(c => c.Converted).Description("Acted on, and the member paid an order within the conversion window after it.");
    }
}

public sealed class JourneyEnrolmentType : ObjectGraphType<JourneyEnrolment>
{
    public JourneyEnrolmentType()
    {
        Name = "JourneyEnrolment";
        Description = "One member's progress through a journey for one trigger occurrence.";
        Field<NonNullGraphType<IdGraphType>>("id").Description("Global, opaque id.").Resolve(ctx => GlobalId.Encode("JourneyEnrolment", ctx.Source.Id));
        Field<NonNullGraphType<IdGraphType>>("memberId").Description("The member (member(id:) reads them).").Resolve(ctx => GlobalId.Encode("Member", ctx.Source.MemberId));
        Field(e => e.Occurrence).Description("The trigger occurrence, e.g. order:123: one enrolment per journey, member and occurrence.");
        Field(e => e.Status, type: typeof(NonNullGraphType<JourneyEnrolmentStatusType>)).Description("Where it is.");
        Field(e => e.SkipReason, nullable: true).Description("Why SKIPPED or FAILED: CONDITION_NOT_MET, FREQUENCY_CAP, NO_CONSENT, NO_OPENID, OUT_OF_STOCK, ...");
        Field(e => e.EnrolledAt).Description("When the trigger enrolled the member (UTC).");
        Field(e => e.DueAt).Description("When the wait is over (UTC).");
        Field(e => e.ActedAt, nullable: true).Description("When the actions were taken (UTC).");
        Field(e => e.Outcome, nullable: true).Description("What each action did, e.g. `ISSUE_COUPON: coupon 42; SUBSCRIBE_MESSAGE: NO_CONSENT`.");
        Field<IdGraphType>("couponId").Description("The coupon issued, if any.").Resolve(ctx => ctx.Source.CouponId is { } id ? GlobalId.Encode("Coupon", id) : null);
    }
}

public sealed class JourneyConnectionType : ConnectionType<JourneyType>
{
    public JourneyConnectionType() => Description = "A page of journeys.";
}

public sealed class JourneyEnrolmentConnectionType : ConnectionType<JourneyEnrolmentType>
{
    public JourneyEnrolmentConnectionType() => Description = "A page of journey enrolments.";
}

public sealed class JourneyStatusType : EnumerationGraphType<JourneyStatus>
{
    public JourneyStatusType()
    {
        Name = "JourneyStatus";
        Description = "DRAFT (enrols nobody yet), ACTIVE, or PAUSED (enrols nobody; waiting enrolments wait).";
    }
}

public sealed class JourneyTriggerKindType : EnumerationGraphType<JourneyTriggerKind>
{
    public JourneyTriggerKindType()
    {
        Name = "JourneyTriggerKind";
        Description = "What enrols a member in a journey.";
    }
}

public sealed class JourneyActionKindType : EnumerationGraphType<JourneyActionKind>
{
    public JourneyActionKindType()
    {
        Name = "JourneyActionKind";
        Description = "What a journey does: ISSUE_COUPON, SUBSCRIBE_MESSAGE, or GUIDE_TASK (a task for the member's guide; " +
                      "a member no guide can take gets the outcome NO_GUIDE).";
    }
}

public sealed class JourneyEnrolmentStatusType : EnumerationGraphType<JourneyEnrolmentStatus>
{
    public JourneyEnrolmentStatusType()
    {
        Name = "JourneyEnrolmentStatus";
        Description = "WAITING, ACTED, SKIPPED (with a reason) or FAILED.";
    }
}

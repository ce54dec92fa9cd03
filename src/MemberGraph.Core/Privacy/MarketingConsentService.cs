using MemberGraph.Audit;
using MemberGraph.Auth;
using MemberGraph.Data;
using MemberGraph.Domain;
using MemberGraph.Members;
using MemberGraph.Partners;
using Microsoft.EntityFrameworkCore;

namespace MemberGraph.Privacy;

/// <summary>
/// <c>recordSubscribeMessageConsent</c> and <c>recordGuideOutreachConsent</c>: a member, for themselves only (a merged
/// member's earlier token acts for the survivor). Each change raises <see cref="MarketingConsentChanged"/>, whose handler
/// writes the consent ledger in the same transaction, and is audited; a call that changes nothing writes nothing.
/// Parallel calls meet at the unique index (or at a row another call removed) and retry: the counts and the ledger come
/// out as if the calls had come one after the other.
/// </summary>
public sealed class MarketingConsentService(
    IDbContextFactory<MemberGraphDb> factory, DomainEventDispatcher events, SubscribeMessageTemplates templates, AuditLog audit, TimeProvider clock)
{
    /// <summary>WeChat asks about at most three templates in one <c>wx.requestSubscribeMessage</c>.</summary>
    public const int MaxTemplatesPerRequest = 3;

    private const int Attempts = 4;

    /// <summary>
    /// Records what the member answered to <c>wx.requestSubscribeMessage</c>: each accepted template allows one more message
    /// of it (a GRANTED entry each); a template not accepted withdraws the acceptances left for it (a REVOKED entry when
    /// there were any), since the member's latest answer is what they want now.
    /// </summary>
    public async Task<Outcome<ConsentChanges>> RecordSubscribeMessagesAsync(
        Caller caller, RecordSubscribeMessageConsentInput input, ConsentChannel channel, CancellationToken cancellationToken)
    {
        var self = SelfOf(caller);
        if (input.Results.Count is 0 or > MaxTemplatesPerRequest)
        {
            return ConsentErrors.ResultsCount();
        }

        if (input.Results.GroupBy(r => r.TemplateId, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1) is { } twice)
        {
            return ConsentErrors.TemplateTwice(twice.Key);
        }

        if (input.Results.FirstOrDefault(r => templates.PurposeOf(r.TemplateId) is null) is { } unknown)
        {
            return ConsentErrors.UnknownTemplate(unknown.TemplateId);
        }

        return await RetryAsync(() => TryRecordSubscribeMessagesAsync(caller, self, input.Results, channel, cancellationToken));
    }

    /// <summary>Opts the member in to (or out of) proactive contact by guides. The same answer again changes nothing.</summary>
    public async Task<Outcome<ConsentChanges>> RecordGuideOutreachAsync(
        Caller caller, RecordGuideOutreachConsentInput input, ConsentChannel channel, CancellationToken cancellationToken)
    {
        var self = SelfOf(caller);
        return await RetryAsync(() => TryRecordGuideOutreachAsync(caller, self, input.Granted, channel, cancellationToken));
    }

    private async Task<Outcome<ConsentChanges>> TryRecordSubscribeMessagesAsync(
        Caller caller, long tokenMemberId, IReadOnlyList<SubscribeMessageResultInput> results, ConsentChannel channel, CancellationToken ct)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var member = await MemberReader.FollowMergesAsync(db, tokenMemberId, ct);
        if (member is not { Status: MemberStatus.Active })
        {
            return ConsentErrors.MemberNotActive();
        }

        await using var work = await events.BeginAsync(db, ct);
        var now = clock.GetUtcNow().UtcDateTime;
        var changed = new List<string>();
        foreach (var result in results)
        {
            var templateId = result.TemplateId;
            var row = db.MarketingConsents.Where(c => c.MemberId == member.Id && c.Purpose == ConsentPurpose.SubscribeMessage && c.TemplateId == templateId);
            if (result.Accepted)
            {
                var counted = await row.ExecuteUpdateAsync(s => s
                    .SetProperty(c => c.Remaining, c => c.Remaining + 1)
                    .SetProperty(c => c.LastGrantedAt, now)
                    .SetProperty(c => c.Channel, channel), ct);
                if (counted == 0)
                {
                    db.MarketingConsents.Add(new MarketingConsent
                    {
                        MemberId = member.Id, Purpose = ConsentPurpose.SubscribeMessage, TemplateId = templateId, Remaining = 1, Channel = channel,
                        GrantedAt = now, LastGrantedAt = now,
                    });
                }

                work.Raise(new MarketingConsentChanged(member.Id, ConsentPurpose.SubscribeMessage, templateId, ConsentAction.Granted, channel, now));
                changed.Add($"{templateId} accepted");
            }
            else if (await row.Where(c => c.Remaining > 0).ExecuteUpdateAsync(s => s.SetProperty(c => c.Remaining, 0), ct) > 0)
            {
                work.Raise(new MarketingConsentChanged(member.Id, ConsentPurpose.SubscribeMessage, templateId, ConsentAction.Revoked, channel, now));
                changed.Add($"{templateId} withdrawn");
            }
        }

        if (changed.Count == 0)
        {
            return Outcome<ConsentChanges>.Ok(new ConsentChanges(member.Id, []));
        }

        audit.Record(db, caller, "consent.subscribeMessage", $"Member:{member.Id}", $"{string.Join(", ", changed)}, {ConstantCase.Of(channel)}");
        await work.CommitAsync(ct);
        return Outcome<ConsentChanges>.Ok(new ConsentChanges(member.Id, Written(db, member.Id)));
    }

    private async Task<Outcome<ConsentChanges>> TryRecordGuideOutreachAsync(
        Caller caller, long tokenMemberId, bool granted, ConsentChannel channel, CancellationToken ct)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var member = await MemberReader.FollowMergesAsync(db, tokenMemberId, ct);
        if (member is not { Status: MemberStatus.Active })
        {
            return ConsentErrors.MemberNotActive();
        }

        await using var work = await events.BeginAsync(db, ct);
        var live = await db.MarketingConsents.FirstOrDefaultAsync(c => c.MemberId == member.Id && c.Purpose == ConsentPurpose.GuideOutreach, ct);
        if (granted == (live is not null))
        {
            return Outcome<ConsentChanges>.Ok(new ConsentChanges(member.Id, []));
        }

        var now = clock.GetUtcNow().UtcDateTime;
        if (granted)
        {
            db.MarketingConsents.Add(new MarketingConsent
            {
                MemberId = member.Id, Purpose = ConsentPurpose.GuideOutreach, Channel = channel, GrantedAt = now, LastGrantedAt = now,
            });
        }
        else
        {
            db.MarketingConsents.Remove(live!);
        }

        var action = granted ? ConsentAction.Granted : ConsentAction.Revoked;
        work.Raise(new MarketingConsentChanged(member.Id, ConsentPurpose.GuideOutreach, null, action, channel, now));
        audit.Record(db, caller, granted ? "consent.guideOutreach.grant" : "consent.guideOutreach.revoke", $"Member:{member.Id}", ConstantCase.Of(channel));
        await work.CommitAsync(ct);
        return Outcome<ConsentChanges>.Ok(new ConsentChanges(member.Id, Written(db, member.Id)));
    }

    private static async Task<Outcome<ConsentChanges>> RetryAsync(Func<Task<Outcome<ConsentChanges>>> attempt)
    {
        for (var n = 1; ; n++)
        {
            try
            {
                return await attempt();
            }
            catch (DbUpdateException ex) when (n < Attempts && ex.IsRetryable())
            {
                // A parallel call created or removed the same consent first: read again and decide again.
            }
        }
    }

    private static long SelfOf(Caller caller) =>
        caller.Is(Roles.Member) && caller.MemberId is { } self
            ? self
            : throw RequestRefusedException.NotAuthorized("change consents without a member id in the token");

    /// <summary>The entries the ledger handler appended in this unit of work, in order.</summary>
    private static List<ConsentLedgerEntry> Written(MemberGraphDb db, long memberId) =>
        db.ConsentLedger.Local.Where(e => e.MemberId == memberId).OrderBy(e => e.Id).ToList();
}

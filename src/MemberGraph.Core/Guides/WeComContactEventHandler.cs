using MemberGraph.Audit;
using MemberGraph.Auth;
using MemberGraph.Data;
using MemberGraph.Domain;
using MemberGraph.Members;
using MemberGraph.Tencent.WeCom;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace MemberGraph.Guides;

/// <summary>
/// Turns WeCom customer-contact events into relationships: a customer adding a guide binds them (the guide code in
/// <c>State</c> says which guide), deletions end relationships (history kept), <c>transfer_fail</c> fails the pending
/// transfer. Each event is recorded under its idempotency key in the same transaction as its effect, so a
/// redelivery changes nothing.
/// </summary>
public sealed class WeComContactEventHandler(
    IDbContextFactory<MemberGraphDb> factory,
    WeComClient wecom,
    OneIdService oneId,
    AuditLog audit,
    DomainEventDispatcher events,
    TimeProvider clock,
    IOptions<WeComOptions> options,
    ILogger<WeComContactEventHandler> logger) : IWeComContactEventHandler
{
    /// <summary>Who the audit log names for changes WeCom reported.</summary>
    public static readonly Caller WeComActor = new("wecom:callback", "wecom", null, null, null, null, new HashSet<string>());

    public async Task HandleAsync(WeComContactEvent contactEvent, CancellationToken cancellationToken)
    {
        var key = contactEvent.IdempotencyKey();
        await using (var db = await factory.CreateDbContextAsync(cancellationToken))
        {
            if (await db.WeComCallbackEvents.AnyAsync(e => e.Key == key, cancellationToken))
            {
                logger.LogInformation("WeCom {ChangeType} for {ExternalUserId} is a replay; already processed", contactEvent.ChangeType, contactEvent.ExternalUserId);
                return;
            }
        }

        try
        {
            switch (contactEvent.ChangeType)
            {
                case WeComContactEvent.AddExternalContact or WeComContactEvent.AddHalfExternalContact:
                    await AddContactAsync(contactEvent, key, cancellationToken);
                    break;
                case WeComContactEvent.DelExternalContact when contactEvent.Source == WeComContactEvent.DeleteByTransfer:
                    await RecordOnlyAsync(contactEvent, key, "removed by a transfer; the transfer's completion moves the relationship", cancellationToken);
                    break;
                case WeComContactEvent.DelExternalContact:
                    await EndAsync(contactEvent, key, GuideRelationships.GuideDeletedCustomer, cancellationToken);
                    break;
                case WeComContactEvent.DelFollowUser:
                    await EndAsync(contactEvent, key, GuideRelationships.CustomerDeletedGuide, cancellationToken);
                    break;
                case WeComContactEvent.EditExternalContact:
                    await TouchAsync(contactEvent, key, cancellationToken);
                    break;
                case WeComContactEvent.TransferFail:
                    await TransferFailedAsync(contactEvent, key, cancellationToken);
                    break;
                default:
                    await RecordOnlyAsync(contactEvent, key, "change type not handled", cancellationToken);
                    break;
            }
        }
        catch (DbUpdateException ex) when (GuideRelationships.IsUniqueViolation(ex))
        {
            if (!await IsProcessedAsync(key, cancellationToken))
            {
                throw;
            }

            logger.LogInformation("WeCom {ChangeType} for {ExternalUserId} was processed by a concurrent delivery", contactEvent.ChangeType, contactEvent.ExternalUserId);
        }
    }

    private async Task AddContactAsync(WeComContactEvent contactEvent, string key, CancellationToken cancellationToken)
    {
        Guide? guide;
        await using (var db = await factory.CreateDbContextAsync(cancellationToken))
        {
            guide = await FindGuideAsync(db, contactEvent, cancellationToken);
        }

        if (guide is null)
        {
            logger.LogWarning("WeCom {ChangeType}: no guide with code '{State}' or WeCom user id '{UserId}'; customer {ExternalUserId} not bound",
                contactEvent.ChangeType, contactEvent.State, contactEvent.UserId, contactEvent.ExternalUserId);
            await RecordOnlyAsync(contactEvent, key, "guide unknown", cancellationToken);
            return;
        }

        // The unionid links the guide-side customer to the same person's mini-program member (OneID).
        var contact = await LookUpAsync(contactEvent.ExternalUserId, cancellationToken);
        if (!contact.Succeeded)
        {
            logger.LogWarning("WeCom externalcontact/get for {ExternalUserId} failed ({Failure}); binding by external user id only", contactEvent.ExternalUserId, contact.Failure);
        }

        var details = contact.Value?.ExternalContact;
        List<(IdentityChannel, string)> identities = [(IdentityChannel.WecomExternalUserid, contactEvent.ExternalUserId)];
        if (details?.UnionId is { Length: > 0 } unionId)
        {
            identities.Add((IdentityChannel.WechatUnionid, unionId));
        }

        var memberId = await oneId.ResolveMemberAsync(identities, $"wecom {contactEvent.ChangeType}", WeComActor, cancellationToken, details?.Name);

        // Two guides adding the same new customer at once race for the one exclusive slot; the loser becomes a follow.
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await BindAsync(contactEvent, key, guide, memberId, details?.Name, cancellationToken);
                return;
            }
            catch (DbUpdateException ex) when (attempt < 3 && GuideRelationships.IsUniqueViolation(ex))
            {
                if (await IsProcessedAsync(key, cancellationToken))
                {
                    throw;
                }

                logger.LogInformation("Binding member {MemberId} to guide {GuideId} raced with another binding; retrying", memberId, guide.Id);
            }
        }
    }

    private async Task BindAsync(WeComContactEvent contactEvent, string key, Guide guide, long memberId, string? name, CancellationToken cancellationToken)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var now = clock.GetUtcNow().UtcDateTime;
        var member = await db.Members.SingleAsync(m => m.Id == memberId, cancellationToken);
        member.AddedGuideOnWeCom = true;
        member.TouchedAt = now;
        if (string.IsNullOrEmpty(member.DisplayName) && !string.IsNullOrWhiteSpace(name))
        {
            member.DisplayName = name.Length > 100 ? name[..100] : name;
        }

        var (relationship, opened) = await GuideRelationships.OpenAsync(db, memberId, guide.Id, RelationshipSource.WeComAddContact, contactEvent.State, now, cancellationToken);
        Record(db, contactEvent, key, opened ? $"bound {relationship.Kind.ToString().ToLowerInvariant()} to guide {guide.Id}" : $"already bound to guide {guide.Id}", now);
        if (opened)
        {
            audit.Record(db, WeComActor, "guide.bind", $"Member:{memberId}", $"guide {guide.Id} ({guide.GuideCode}) via WeCom add-contact, state '{contactEvent.State}', {relationship.Kind}");
        }

        await using (var work = await events.BeginAsync(db, cancellationToken))
        {
            await db.SaveChangesAsync(cancellationToken);
            if (opened)
            {
                work.Raise(CustomerBound.Of(relationship, now));
            }

            await work.CommitAsync(cancellationToken);
        }

        logger.LogInformation("WeCom {ChangeType}: member {MemberId} {Outcome} guide {GuideId}", contactEvent.ChangeType, memberId, opened ? "bound to" : "was already bound to", guide.Id);
    }

    private async Task EndAsync(WeComContactEvent contactEvent, string key, string reason, CancellationToken cancellationToken)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var now = clock.GetUtcNow().UtcDateTime;
        var guide = await db.Guides.FirstOrDefaultAsync(g => g.WeComUserId == contactEvent.UserId, cancellationToken);
        var memberId = await FindMemberIdAsync(db, contactEvent.ExternalUserId, cancellationToken);
        if (guide is null || memberId is null)
        {
            Record(db, contactEvent, key, guide is null ? "guide unknown" : "customer unknown", now);
            await db.SaveChangesAsync(cancellationToken);
            return;
        }

        var ended = await GuideRelationships.EndAsync(db, memberId.Value, guide.Id, reason, now, cancellationToken);
        var member = await db.Members.SingleAsync(m => m.Id == memberId, cancellationToken);
        member.TouchedAt = now;
        member.AddedGuideOnWeCom = await db.GuideRelationships.AnyAsync(r => r.MemberId == member.Id && r.EndedAt == null && r.GuideId != guide.Id
            && (r.Source == RelationshipSource.WeComAddContact || r.Source == RelationshipSource.Transfer), cancellationToken);
        foreach (var relationship in ended)
        {
            audit.Record(db, WeComActor, "guide.unbind", $"Member:{member.Id}", $"guide {guide.Id}, {relationship.Kind}, {reason}");
        }

        Record(db, contactEvent, key, ended.Count > 0 ? $"ended {ended.Count} relationship(s): {reason}" : "no open relationship", now);
        await db.SaveChangesAsync(cancellationToken);
        logger.LogInformation("WeCom {ChangeType}: ended {Count} relationship(s) of member {MemberId} with guide {GuideId}", contactEvent.ChangeType, ended.Count, member.Id, guide.Id);
    }

    private async Task TouchAsync(WeComContactEvent contactEvent, string key, CancellationToken cancellationToken)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var now = clock.GetUtcNow().UtcDateTime;
        var memberId = await FindMemberIdAsync(db, contactEvent.ExternalUserId, cancellationToken);
        if (memberId is not null)
        {
            var member = await db.Members.SingleAsync(m => m.Id == memberId, cancellationToken);
            member.TouchedAt = now;
        }

        Record(db, contactEvent, key, memberId is null ? "customer unknown" : "touched", now);
        await db.SaveChangesAsync(cancellationToken);
    }

    private async Task TransferFailedAsync(WeComContactEvent contactEvent, string key, CancellationToken cancellationToken)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var now = clock.GetUtcNow().UtcDateTime;
        var memberId = await FindMemberIdAsync(db, contactEvent.ExternalUserId, cancellationToken);

        // UserID of transfer_fail is the takeover member.
        var transfer = memberId is null ? null : await db.CustomerTransfers
            .Where(t => t.MemberId == memberId && t.Status == CustomerTransferStatus.Pending)
            .Where(t => db.Guides.Any(g => g.Id == t.ToGuideId && g.WeComUserId == contactEvent.UserId))
            .FirstOrDefaultAsync(cancellationToken);
        if (transfer is not null)
        {
            transfer.Fail(contactEvent.FailReason ?? "transfer_fail", now);
            audit.Record(db, WeComActor, "guide.transfer.failed", $"Member:{transfer.MemberId}", $"transfer {transfer.Id} from guide {transfer.FromGuideId} to {transfer.ToGuideId}: {transfer.FailReason}");
        }

        Record(db, contactEvent, key, transfer is null ? "no pending transfer" : $"transfer {transfer.Id} failed: {transfer.FailReason}", now);
        await db.SaveChangesAsync(cancellationToken);
        logger.LogInformation("WeCom transfer_fail for {ExternalUserId}: {Outcome}", contactEvent.ExternalUserId, transfer is null ? "no pending transfer" : $"transfer {transfer.Id} failed ({transfer.FailReason})");
    }

    /// <summary>externalcontact/get within the callback's budget (WeCom:CallbackLookupBudget); past it, a failure like any other.</summary>
    private async Task<WeComResult<WeComExternalContactResponse>> LookUpAsync(string externalUserId, CancellationToken cancellationToken)
    {
        using var budget = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        budget.CancelAfter(options.Value.CallbackLookupBudget);
        try
        {
            return await wecom.GetExternalContactAsync(externalUserId, budget.Token);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return WeComFailure.Unavailable($"externalcontact/get took longer than the callback's {options.Value.CallbackLookupBudget.TotalSeconds:0.#} s budget.");
        }
    }

    private async Task RecordOnlyAsync(WeComContactEvent contactEvent, string key, string outcome, CancellationToken cancellationToken)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        Record(db, contactEvent, key, outcome, clock.GetUtcNow().UtcDateTime);
        await db.SaveChangesAsync(cancellationToken);
    }

    private static void Record(MemberGraphDb db, WeComContactEvent contactEvent, string key, string outcome, DateTime now) =>
        db.WeComCallbackEvents.Add(new WeComCallbackEvent
        {
            Key = key,
            ChangeType = contactEvent.ChangeType.Length > 40 ? contactEvent.ChangeType[..40] : contactEvent.ChangeType,
            UserId = contactEvent.UserId.Length > 64 ? contactEvent.UserId[..64] : contactEvent.UserId,
            ExternalUserId = contactEvent.ExternalUserId.Length > 128 ? contactEvent.ExternalUserId[..128] : contactEvent.ExternalUserId,
            State = contactEvent.State is { Length: > 64 } state ? state[..64] : contactEvent.State,
            ReceivedAt = now,
            Outcome = outcome.Length > 200 ? outcome[..200] : outcome,
        });

    /// <summary>The guide whose code is the contact-way state, else the corp member who added the customer.</summary>
    private static async Task<Guide?> FindGuideAsync(MemberGraphDb db, WeComContactEvent contactEvent, CancellationToken cancellationToken)
    {
        if (contactEvent.State is { } state
            && await db.Guides.AsNoTracking().FirstOrDefaultAsync(g => g.GuideCode == state && g.Status == GuideStatus.Active, cancellationToken) is { } byCode)
        {
            return byCode;
        }

        return await db.Guides.AsNoTracking().FirstOrDefaultAsync(g => g.WeComUserId == contactEvent.UserId, cancellationToken);
    }

    private static Task<long?> FindMemberIdAsync(MemberGraphDb db, string externalUserId, CancellationToken cancellationToken) =>
        db.Identities.Where(i => i.Channel == IdentityChannel.WecomExternalUserid && i.ExternalId == externalUserId)
            .Select(i => (long?)i.MemberId)
            .FirstOrDefaultAsync(cancellationToken);

    private async Task<bool> IsProcessedAsync(string key, CancellationToken cancellationToken)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        return await db.WeComCallbackEvents.AnyAsync(e => e.Key == key, cancellationToken);
    }
}

using MemberGraph.Audit;
using MemberGraph.Auth;
using MemberGraph.Coupons;
using MemberGraph.Data;
using MemberGraph.Domain;
using Microsoft.EntityFrameworkCore;

namespace MemberGraph.Guides.Tasks;

/// <summary>
/// <c>createGuideTaskCampaign</c> (admins): checks the input, writes the campaign (FILLING, its member-id range fixed at the
/// highest member id now) and fills it with <see cref="GuideTaskCampaignFiller"/> before answering. Audited. Idempotent by
/// the request's key: a replay answers the first campaign as it is now (a parallel replay may see it still FILLING), the
/// key with another input is IDEMPOTENCY_CONFLICT; the unique index on the key decides between parallel first attempts.
/// </summary>
public sealed class GuideTaskCampaignService(
    IDbContextFactory<MemberGraphDb> factory, GuideTaskCampaignFiller filler, AuditLog audit, TimeProvider clock)
{
    public async Task<Outcome<GuideTaskCampaign>> CreateAsync(Caller caller, CreateGuideTaskCampaignInput input, CancellationToken cancellationToken)
    {
        var name = input.Name.Trim();
        var script = input.Script.Trim();
        if (name.Length is 0 or > GuideTaskRules.MaxNameLength)
        {
            return GuideTaskErrors.Invalid($"A campaign name has 1 to {GuideTaskRules.MaxNameLength} characters.", "name");
        }

        if (script.Length is 0 or > GuideTaskRules.MaxScriptLength)
        {
            return GuideTaskErrors.Invalid($"A script has 1 to {GuideTaskRules.MaxScriptLength} characters.", "script");
        }

        if (input.DueDays is < 1 or > GuideTaskRules.MaxDueDays)
        {
            return GuideTaskErrors.Invalid($"dueInDays is 1 to {GuideTaskRules.MaxDueDays}.", "dueInDays");
        }

        if (string.IsNullOrWhiteSpace(input.IdempotencyKey) || input.IdempotencyKey.Length > GuideTaskRules.MaxIdempotencyKeyLength)
        {
            return GuideTaskErrors.Invalid($"An idempotency key of 1 to {GuideTaskRules.MaxIdempotencyKeyLength} characters is required.", "idempotencyKey");
        }

        if (await ReplayAsync(input, cancellationToken) is { } replay)
        {
            return replay;
        }

        GuideTaskCampaign campaign;
        await using (var db = await factory.CreateDbContextAsync(cancellationToken))
        {
            if (!await db.Segments.AnyAsync(s => s.Id == input.SegmentId, cancellationToken))
            {
                return GuideTaskErrors.SegmentNotFound();
            }

            var now = clock.GetUtcNow().UtcDateTime;
            if (input.CouponTemplateId is { } templateId)
            {
                var template = await db.CouponTemplates.AsNoTracking().FirstOrDefaultAsync(t => t.Id == templateId, cancellationToken);
                if (template is null)
                {
                    return GuideTaskErrors.CouponTemplateNotFound();
                }

                if (template.Status != CouponTemplateStatus.Active || template.HasEnded(now))
                {
                    return GuideTaskErrors.CouponTemplateRetired();
                }
            }

            campaign = new GuideTaskCampaign
            {
                Name = name,
                Kind = input.Kind,
                Script = script,
                SegmentId = input.SegmentId,
                CouponTemplateId = input.CouponTemplateId,
                DueDays = input.DueDays,
                DueAt = now.AddDays(input.DueDays),
                Status = GuideTaskCampaignStatus.Filling,
                LastMemberId = await db.Members.MaxAsync(m => (long?)m.Id, cancellationToken) ?? 0,
                IdempotencyKey = input.IdempotencyKey,
                CreatedBy = caller.Subject,
                CreatedAt = now,
            };
            db.GuideTaskCampaigns.Add(campaign);
            try
            {
                await db.SaveChangesAsync(cancellationToken);
            }
            catch (DbUpdateException ex) when (ex.IsUniqueViolation())
            {
                // a parallel request with the same key created it first
                return await ReplayAsync(input, cancellationToken) ?? throw new InvalidOperationException("The key's campaign vanished.", ex);
            }

            audit.Record(db, caller, "createGuideTaskCampaign", $"GuideTaskCampaign:{campaign.Id}",
                $"'{name}' ({input.Kind}) from segment {input.SegmentId}, due in {input.DueDays} days");
            await db.SaveChangesAsync(cancellationToken);
        }

        await filler.FillAsync(campaign.Id, cancellationToken);
        await using var read = await factory.CreateDbContextAsync(cancellationToken);
        return Outcome<GuideTaskCampaign>.Ok(await read.GuideTaskCampaigns.AsNoTracking().SingleAsync(c => c.Id == campaign.Id, cancellationToken));
    }

    /// <summary>The campaign created under the input's key (a replay), a conflict if it was asked with another input, or null when the key is new.</summary>
    private async Task<Outcome<GuideTaskCampaign>?> ReplayAsync(CreateGuideTaskCampaignInput input, CancellationToken cancellationToken)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var first = await db.GuideTaskCampaigns.AsNoTracking().FirstOrDefaultAsync(c => c.IdempotencyKey == input.IdempotencyKey, cancellationToken);
        return first switch
        {
            null => null,
            _ when first.IsCreatedBy(input) => Outcome<GuideTaskCampaign>.Ok(first),
            _ => Outcome<GuideTaskCampaign>.Refused(UserErrorCode.IdempotencyConflict,
                $"The idempotency key '{input.IdempotencyKey}' was already used for another campaign.", "idempotencyKey"),
        };
    }
}

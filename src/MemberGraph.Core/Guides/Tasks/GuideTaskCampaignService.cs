using MemberGraph.Audit;
using MemberGraph.Auth;
using MemberGraph.Coupons;
using MemberGraph.Data;
using MemberGraph.Domain;
using Microsoft.EntityFrameworkCore;

namespace MemberGraph.Guides.Tasks;

/// <summary>
/// <c>createGuideTaskCampaign</c> (admins): checks the input, writes the campaign (FILLING, its member-id range fixed at the
/// highest member id now) and fills it with <see cref="GuideTaskCampaignFiller"/> before answering. Audited.
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
                CreatedBy = caller.Subject,
                CreatedAt = now,
            };
            db.GuideTaskCampaigns.Add(campaign);
            await db.SaveChangesAsync(cancellationToken);
            audit.Record(db, caller, "createGuideTaskCampaign", $"GuideTaskCampaign:{campaign.Id}",
                $"'{name}' ({input.Kind}) from segment {input.SegmentId}, due in {input.DueDays} days");
            await db.SaveChangesAsync(cancellationToken);
        }

        await filler.FillAsync(campaign.Id, cancellationToken);
        await using var read = await factory.CreateDbContextAsync(cancellationToken);
        return Outcome<GuideTaskCampaign>.Ok(await read.GuideTaskCampaigns.AsNoTracking().SingleAsync(c => c.Id == campaign.Id, cancellationToken));
    }
}

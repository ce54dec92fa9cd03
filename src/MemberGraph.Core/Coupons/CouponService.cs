using MemberGraph.Audit;
using MemberGraph.Auth;
using MemberGraph.Data;
using MemberGraph.Domain;
using Microsoft.EntityFrameworkCore;

namespace MemberGraph.Coupons;

/// <summary>
/// Issues coupons: claimed by a member, sent by a guide to their own customer, or exchanged for points.
/// Every issue runs in one transaction whose first statement is the conditional stock UPDATE
/// (<c>Issued = Issued + 1 WHERE Issued &lt; TotalStock</c>), which answers the template as it is now. That row write
/// serialises issues of one template on SQLite (one writer), PostgreSQL and SQL Server (row lock until commit), so the
/// coupon's INSERT that follows, guarded by the per-member count, sees every committed coupon: stock and per-member limits
/// hold under any number of parallel requests. A claim reads nothing before it writes; only a refusal reads to say why.
/// </summary>
public sealed class CouponService(
    IDbContextFactory<MemberGraphDb> factory,
    IPointsWallet wallet,
    AuditLog audit,
    RowsAtCommit atCommit,
    DomainEventDispatcher events,
    TimeProvider clock)
{
    public async Task<Outcome<Coupon>> ClaimAsync(Caller caller, long templateId, CancellationToken ct)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        return await IssueAsync(db, caller, templateId, new Issue(caller.MemberId!.Value, CouponSource.Claim, "claimCoupon") { FollowMerges = true }, ct);
    }

    public async Task<Outcome<Coupon>> SendAsync(Caller caller, long templateId, long memberId, CancellationToken ct)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var template = await FindTemplateAsync(db, templateId, ct);
        if (template is null)
        {
            return CouponErrors.TemplateNotFound();
        }

        var holder = await CouponHolders.ResolveAsync(db, memberId, ct);
        if (holder is null)
        {
            return CouponErrors.MemberNotFound();
        }

        var guideId = caller.GuideId!.Value;
        var ownCustomer = await db.GuideRelationships.AnyAsync(r => r.MemberId == holder && r.GuideId == guideId && r.EndedAt == null, ct);
        return ownCustomer
            ? await IssueAsync(db, caller, template.Id, new Issue(holder.Value, CouponSource.GuideSend, "sendCoupon") { GuideId = guideId }, ct)
            : CouponErrors.NotYourCustomer();
    }

    /// <summary>
    /// Exchanges points for a coupon: the points are spent through <see cref="IPointsWallet"/> inside the issuing
    /// unit of work, so they leave if and only if the coupon is issued, and the member hears <c>pointsChanged</c> then
    /// <c>couponUpdated</c> (ISSUED) once it committed. Replays of an idempotency key return the
    /// coupon the first call issued.
    /// </summary>
    public async Task<Outcome<Coupon>> ExchangeAsync(Caller caller, long templateId, string idempotencyKey, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(idempotencyKey) || idempotencyKey.Length > 100)
        {
            return CouponErrors.Invalid("Give an idempotency key of 1 to 100 characters.", "idempotencyKey");
        }

        await using var db = await factory.CreateDbContextAsync(ct);
        var scopedKey = $"{caller.MemberId}:{idempotencyKey}";
        if (await FindByKeyAsync(db, scopedKey, ct) is { } replay)
        {
            return replay.TemplateId == templateId ? Outcome<Coupon>.Ok(replay) : CouponErrors.KeyUsedForAnotherTemplate();
        }

        var template = await FindTemplateAsync(db, templateId, ct);
        if (template is null)
        {
            return CouponErrors.TemplateNotFound();
        }

        if (template.PointsPrice is not > 0)
        {
            return CouponErrors.NotClaimable(CouponIssueRefusals.NotExchangeable);
        }

        var holder = await CouponHolders.ResolveAsync(db, caller.MemberId!.Value, ct);
        return holder is null
            ? CouponErrors.MemberNotFound()
            : await IssueAsync(db, caller, template.Id, new Issue(holder.Value, CouponSource.Exchange, "exchangePointsForCoupon") { ExchangeKey = scopedKey }, ct);
    }

    /// <summary>
    /// Issues a guide task's coupon inside the task's unit of work (<c>sendGuideTaskCoupon</c>): the same stock, per-member
    /// limit and validity rules as every issue; nothing is committed here, and a refusal leaves the caller to roll back.
    /// </summary>
    public async Task<Outcome<Coupon>> IssueForGuideTaskAsync(UnitOfWork work, Caller caller, long templateId, long memberId, long guideId, CancellationToken ct)
    {
        var template = await FindTemplateAsync(work.Db, templateId, ct);
        if (template is null)
        {
            return CouponErrors.TemplateNotFound();
        }

        var holder = await CouponHolders.ResolveAsync(work.Db, memberId, ct);
        return holder is null
            ? CouponErrors.MemberNotFound()
            : (await IssueWithinAsync(work, caller, template.Id, new Issue(holder.Value, CouponSource.Campaign, "sendGuideTaskCoupon") { GuideId = guideId }, ct)).Outcome;
    }

    /// <summary>
    /// Issues a coupon of a campaign (an automated journey) inside the caller's unit of work, under the same rules as
    /// every issue (active template, stock, per-member limit), idempotent by <paramref name="idempotencyKey"/>: a key
    /// already used answers with its coupon and takes no stock. A refusal has written nothing the caller may keep: it
    /// disposes the unit of work (rolling back the stock taken) rather than committing it.
    /// </summary>
    public async Task<Outcome<Coupon>> IssueForCampaignAsync(UnitOfWork work, Caller caller, long templateId, long memberId, string idempotencyKey, CancellationToken ct)
    {
        if (await FindByKeyAsync(work.Db, idempotencyKey, ct) is { } replay)
        {
            return replay.TemplateId == templateId ? Outcome<Coupon>.Ok(replay) : CouponErrors.KeyUsedForAnotherTemplate();
        }

        var template = await FindTemplateAsync(work.Db, templateId, ct);
        if (template is null)
        {
            return CouponErrors.TemplateNotFound();
        }

        var (outcome, issued) = await IssueWithinAsync(work, caller, template.Id, new Issue(memberId, CouponSource.Campaign, "journeyIssueCoupon") { ExchangeKey = idempotencyKey }, ct);
        if (outcome.Succeeded && !issued)
        {
            // A parallel issue under the same key committed first: the caller commits its unit of work, so the stock this
            // one took goes back.
            await work.Db.CouponTemplates.Where(t => t.Id == templateId).ExecuteUpdateAsync(s => s.SetProperty(t => t.Issued, t => t.Issued - 1), ct);
        }

        return outcome;
    }

    private async Task<Outcome<Coupon>> IssueAsync(MemberGraphDb db, Caller caller, long templateId, Issue issue, CancellationToken ct)
    {
        await using var work = await events.BeginAsync(db, ct);
        var (outcome, issued) = await IssueWithinAsync(work, caller, templateId, issue, ct);
        if (issued)
        {
            await work.CommitAsync(ct);
        }

        return outcome;
    }

    /// <summary>
    /// The issue's writes in <paramref name="work"/>, first of them the conditional stock UPDATE; the caller commits when
    /// <c>Issued</c> (a refusal, or the replay of an exchange another request committed, must roll the stock back).
    /// </summary>
    private async Task<(Outcome<Coupon> Outcome, bool Issued)> IssueWithinAsync(UnitOfWork work, Caller caller, long templateId, Issue issue, CancellationToken ct)
    {
        var db = work.Db;
        var now = clock.GetUtcNow().UtcDateTime;
        var template = await CouponWrites.TakeStockAsync(db, templateId, ct);
        if (template is null)
        {
            return (await CouponIssueRefusals.WhyNoStockAsync(db, templateId, issue.Source, FollowedMember(issue), now, ct), false);
        }

        if (await CouponIssueRefusals.OfTemplateAsync(db, template, issue.Source, FollowedMember(issue), now, ct) is { } refused)
        {
            return (refused, false);
        }

        if (issue.ExchangeKey is not null && await FindByKeyAsync(db, issue.ExchangeKey, ct) is { } replay)
        {
            // A parallel replay of the same exchange committed first: answer with its coupon, spend nothing.
            return (replay.TemplateId == template.Id ? Outcome<Coupon>.Ok(replay) : CouponErrors.KeyUsedForAnotherTemplate(), false);
        }

        var (validFrom, validUntil) = template.ValidityFor(now);
        var coupon = new Coupon
        {
            TemplateId = template.Id,
            MemberId = issue.MemberId,
            Code = CouponCode.NewCode(),
            Status = CouponStatus.Available,
            Source = issue.Source,
            IssuedAt = now,
            ValidFrom = validFrom,
            ValidUntil = validUntil,
            SentByGuideId = issue.GuideId,
            IdempotencyKey = issue.ExchangeKey,
        };
        if (await InsertAsync(db, coupon, template.PerMemberLimit, issue, ct) is { } notIssued)
        {
            return (notIssued, false);
        }

        if (issue.Source == CouponSource.Exchange)
        {
            var spent = await wallet.SpendAsync(work, coupon.MemberId, template.PointsPrice!.Value,
                template.Name, "coupon-exchange", $"coupon-exchange:{issue.ExchangeKey}", ct);
            if (!spent.Succeeded)
            {
                return (spent.Error!, false);
            }
        }

        await CouponHistory.AppendAsync(atCommit, db, CouponHistory.Entry(coupon.Id, CouponHistoryEvent.Issued, now), ct);
        audit.Record(db, caller, issue.Operation, $"Coupon:{coupon.Id}",
            $"template {template.Id} '{template.Name}' to member {coupon.MemberId} ({issue.Source}{(template.PointsPrice is { } p && issue.Source == CouponSource.Exchange ? $", {p} points" : "")})");
        work.Raise(new CouponIssued(coupon));
        return (Outcome<Coupon>.Ok(coupon), true);
    }

    /// <summary>
    /// Inserts the coupon while its member holds fewer than the limit. A claim's member must be active too: the token's
    /// member, or — when that insert finds them merged since — the survivor. Null when issued, else why not.
    /// </summary>
    private static async Task<UserError?> InsertAsync(MemberGraphDb db, Coupon coupon, int perMemberLimit, Issue issue, CancellationToken ct)
    {
        if (await CouponWrites.IssueAsync(db, coupon, perMemberLimit, issue.FollowMerges, ct))
        {
            return null;
        }

        if (!issue.FollowMerges)
        {
            return CouponErrors.LimitReached(perMemberLimit);
        }

        var holder = await CouponHolders.ResolveAsync(db, issue.MemberId, ct);
        if (holder is null)
        {
            return CouponErrors.MemberNotFound();
        }

        if (holder == issue.MemberId)
        {
            return CouponErrors.LimitReached(perMemberLimit);
        }

        coupon.MemberId = holder.Value;
        return await CouponWrites.IssueAsync(db, coupon, perMemberLimit, memberMustBeActive: true, ct) ? null : CouponErrors.LimitReached(perMemberLimit);
    }

    private static Task<CouponTemplate?> FindTemplateAsync(MemberGraphDb db, long id, CancellationToken ct) =>
        db.CouponTemplates.AsNoTracking().FirstOrDefaultAsync(t => t.Id == id, ct);

    private static Task<Coupon?> FindByKeyAsync(MemberGraphDb db, string scopedKey, CancellationToken ct) =>
        db.Coupons.AsNoTracking().FirstOrDefaultAsync(c => c.IdempotencyKey == scopedKey, ct);

    /// <summary>The member a claim names by its token (whose merges are followed); null for issues whose caller resolved the holder.</summary>
    private static long? FollowedMember(Issue issue) => issue.FollowMerges ? issue.MemberId : null;

    /// <summary>One issue: to whom, why, and for a claim that the member is taken from the token (merges followed at the insert).</summary>
    private sealed record Issue(long MemberId, CouponSource Source, string Operation)
    {
        public long? GuideId { get; init; }
        public string? ExchangeKey { get; init; }
        public bool FollowMerges { get; init; }
    }
}

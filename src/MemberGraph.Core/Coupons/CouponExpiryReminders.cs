using System.Globalization;
using MemberGraph.Data;
using MemberGraph.Domain;
using MemberGraph.Members;
using MemberGraph.Partners;
using MemberGraph.Privacy;
using MemberGraph.Tencent.WeChat;
using Microsoft.EntityFrameworkCore;

namespace MemberGraph.Coupons;

/// <summary>
/// The coupon-expiry reminder (part of the coupon-expiry job): a WeChat subscribe message of the template configured as
/// <c>WeChat:SubscribeTemplates:CouponExpiring</c> for each coupon announced as expiring soon, to its holder's
/// mini-program openid — only when the holder has an acceptance of that template left, and taking one; everyone else
/// gets nothing. At most one message per coupon (<see cref="SubscribeMessage"/>'s unique index): replays and parallel
/// runs send no second one. A coupon whose holder accepts the template later, while it is still valid, is reminded then.
/// </summary>
public sealed class CouponExpiryReminders(
    IDbContextFactory<MemberGraphDb> factory,
    SubscribeMessageTemplates templates,
    WeChatClient wechat,
    DomainEventDispatcher events,
    TimeProvider clock,
    ILogger<CouponExpiryReminders> logger)
{
    public const int BatchSize = 100;

    /// <summary>The mini-program page the message opens: the member's coupons.</summary>
    public const string Page = "pages/coupons/index";

    /// <summary>The template's keywords hold times as China shows them.</summary>
    private static readonly TimeSpan ChinaStandardTime = TimeSpan.FromHours(8);

    /// <summary>Sends the reminders due at <paramref name="now"/>; returns how many WeChat accepted.</summary>
    public async Task<int> SendAsync(DateTime now, CancellationToken cancellationToken)
    {
        if (templates.TemplateFor(SubscribeMessagePurpose.CouponExpiring) is not { } templateId)
        {
            return 0; // no template configured: no reminders
        }

        var sent = 0;
        var after = 0L;
        while (true)
        {
            var (due, openIds) = await DueAsync(templateId, now, after, cancellationToken);
            if (due.Count == 0)
            {
                return sent;
            }

            foreach (var coupon in due)
            {
                after = coupon.CouponId;
                if (openIds.TryGetValue(coupon.MemberId, out var openId) && await RemindAsync(coupon, openId, templateId, cancellationToken))
                {
                    sent++;
                }
            }
        }
    }

    /// <summary>
    /// The next coupons announced as expiring soon, still available, not reminded yet, whose active holder has a WeChat
    /// openid and an acceptance of the template left; and each holder's openid (the latest linked).
    /// </summary>
    private async Task<(List<DueCoupon> Due, Dictionary<long, string> OpenIds)> DueAsync(
        string templateId, DateTime now, long after, CancellationToken cancellationToken)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var due = await (
                from coupon in db.Coupons.AsNoTracking()
                join template in db.CouponTemplates on coupon.TemplateId equals template.Id
                join member in db.Members on coupon.MemberId equals member.Id
                where coupon.Id > after && coupon.Status == CouponStatus.Available && coupon.ExpiringSoonNotifiedAt != null && coupon.ValidUntil > now
                      && member.Status == MemberStatus.Active
                      && db.MarketingConsents.Available(templateId).Any(c => c.MemberId == coupon.MemberId)
                      && db.Identities.Any(i => i.MemberId == coupon.MemberId && i.Channel == IdentityChannel.WechatOpenid)
                      && !db.SubscribeMessages.Any(m => m.Purpose == SubscribeMessagePurpose.CouponExpiring && m.SubjectId == coupon.Id)
                orderby coupon.Id
                select new DueCoupon(coupon.Id, coupon.MemberId, template.Name, coupon.ValidUntil))
            .Take(BatchSize)
            .ToListAsync(cancellationToken);
        var holders = due.Select(c => c.MemberId).Distinct().ToList();
        var identities = await db.Identities.AsNoTracking()
            .Where(i => holders.Contains(i.MemberId) && i.Channel == IdentityChannel.WechatOpenid)
            .ToListAsync(cancellationToken);
        var openIds = identities.GroupBy(i => i.MemberId)
            .ToDictionary(g => g.Key, g => g.OrderByDescending(i => i.LinkedAt).ThenByDescending(i => i.Id).First().ExternalId);
        return (due, openIds);
    }

    /// <summary>
    /// One reminder: takes the acceptance and writes the message PENDING (one transaction: a parallel run that got there
    /// first makes this one roll back, acceptance and all), calls WeChat, then writes its answer. Refused (43101): the
    /// member's acceptances of the template are withdrawn, a REVOKED ledger entry when there were any. Failed: the
    /// acceptance is given back for a later message. True when WeChat accepted the message.
    /// </summary>
    private async Task<bool> RemindAsync(DueCoupon coupon, string openId, string templateId, CancellationToken cancellationToken)
    {
        long messageId;
        await using (var db = await factory.CreateDbContextAsync(cancellationToken))
        {
            await using var work = await events.BeginAsync(db, cancellationToken);
            if (!await SubscribeMessageAcceptances.TakeAsync(db, coupon.MemberId, templateId, cancellationToken))
            {
                return false; // used meanwhile
            }

            var message = new SubscribeMessage
            {
                MemberId = coupon.MemberId, Purpose = SubscribeMessagePurpose.CouponExpiring, SubjectId = coupon.CouponId, TemplateId = templateId,
                Status = SubscribeMessageStatus.Pending, CreatedAt = clock.GetUtcNow().UtcDateTime,
            };
            db.SubscribeMessages.Add(message);
            try
            {
                await db.SaveChangesAsync(cancellationToken);
            }
            catch (DbUpdateException ex) when (ex.IsUniqueViolation())
            {
                return false; // another run reminded this coupon; the rollback gives the acceptance back
            }

            await work.CommitAsync(cancellationToken);
            messageId = message.Id;
        }

        var answer = await wechat.SendSubscribeMessageAsync(new SubscribeMessageRequest(openId, templateId, Page, Keywords(coupon)), cancellationToken);

        await using (var db = await factory.CreateDbContextAsync(CancellationToken.None))
        {
            // The message went out (or not) whatever happens to this run now: its answer is written regardless.
            await using var work = await events.BeginAsync(db, CancellationToken.None);
            var at = clock.GetUtcNow().UtcDateTime;
            var status = answer.Outcome switch
            {
                SubscribeMessageOutcome.Sent => SubscribeMessageStatus.Sent,
                SubscribeMessageOutcome.Refused => SubscribeMessageStatus.Refused,
                _ => SubscribeMessageStatus.Failed,
            };
            await db.SubscribeMessages.Where(m => m.Id == messageId).ExecuteUpdateAsync(s => s
                .SetProperty(m => m.Status, status)
                .SetProperty(m => m.WeChatMessageId, answer.MessageId)
                .SetProperty(m => m.ErrCode, answer.ErrCode)
                .SetProperty(m => m.AnsweredAt, at), CancellationToken.None);
            if (status == SubscribeMessageStatus.Failed)
            {
                await SubscribeMessageAcceptances.GiveBackAsync(db, coupon.MemberId, templateId, CancellationToken.None);
            }
            else if (status == SubscribeMessageStatus.Refused
                     && await SubscribeMessageAcceptances.WithdrawAsync(db, coupon.MemberId, templateId, CancellationToken.None) > 0)
            {
                work.Raise(new MarketingConsentChanged(
                    coupon.MemberId, ConsentPurpose.SubscribeMessage, templateId, ConsentAction.Revoked, ConsentChannel.WechatPlatform, at));
            }

            await work.CommitAsync(CancellationToken.None);
        }

        if (answer.Outcome != SubscribeMessageOutcome.Sent)
        {
            logger.LogInformation("Coupon {CouponId}: expiry reminder not sent ({Outcome}, errcode {ErrCode})", coupon.CouponId, answer.Outcome, answer.ErrCode);
        }

        return answer.Outcome == SubscribeMessageOutcome.Sent;
    }

    /// <summary>The template's keywords: <c>thing1</c> the coupon (at most 20 characters), <c>time2</c> its end in China time, <c>thing3</c> a tip.</summary>
    private static Dictionary<string, string> Keywords(DueCoupon coupon) => new(StringComparer.Ordinal)
    {
        ["thing1"] = coupon.Name.Length > 20 ? coupon.Name[..19] + "…" : coupon.Name,
        ["time2"] = (coupon.ValidUntil + ChinaStandardTime).ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture),
        ["thing3"] = "优惠券即将过期，请尽快使用",
    };

    private sealed record DueCoupon(long CouponId, long MemberId, string Name, DateTime ValidUntil);
}

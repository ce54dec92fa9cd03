using MemberGraph.Audit;
using MemberGraph.Auth;
using MemberGraph.Coupons;
using MemberGraph.Data;
using MemberGraph.Domain;
using MemberGraph.Points;
using Microsoft.EntityFrameworkCore;

namespace MemberGraph.Partners;

/// <summary>A partner transaction as a mutation left it, and whether the request only repeated one already made.</summary>
public sealed record PartnerReceipt(PartnerTransaction Transaction, bool Replayed);

/// <summary>
/// <c>redeemPartnerBenefit</c>: the partner writes off one of its own shared benefits (a PARTNER coupon the member shows
/// at its counter), once, keyed by the partner's transaction id. Like the store write-off, the coupon changes state by one
/// conditional UPDATE (<c>WHERE Status = Available</c>), and the transaction row's unique index (partner, kind,
/// transaction id) is where parallel replays meet: the same transaction id for the same coupon answers the first
/// redemption (<see cref="PartnerReceipt.Replayed"/>), for another coupon IDEMPOTENCY_CONFLICT. A coupon of another
/// partner, or of the brand, is the same NOT_FOUND as an unknown code.
/// </summary>
public sealed class PartnerBenefitRedemptions(
    IDbContextFactory<MemberGraphDb> factory, AuditLog audit, DomainEventDispatcher events, EarnRules rules, TimeProvider clock)
{
    private const int Attempts = 4;

    public async Task<Outcome<PartnerReceipt>> RedeemAsync(Caller caller, string? code, string? transactionId, CancellationToken cancellationToken)
    {
        if (!PartnerTransactions.IsValidId(transactionId))
        {
            return PartnerErrors.TransactionIdInvalid();
        }

        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await TryRedeemAsync(caller, code, transactionId!, cancellationToken);
            }
            catch (DbUpdateException ex) when (attempt < Attempts && ex.IsRetryable())
            {
                // A parallel request with the same transaction id committed first: the next attempt finds it.
            }
        }
    }

    private async Task<Outcome<PartnerReceipt>> TryRedeemAsync(Caller caller, string? code, string transactionId, CancellationToken cancellationToken)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var partner = await PartnerAccess.RequireCurrentAsync(db, caller, PartnerScope.BenefitsRedeem, cancellationToken);
        var coupon = await FindBenefitAsync(db, partner.Id, code, cancellationToken);
        if (await PartnerTransactions.FindAsync(db, partner.Id, PartnerTransactionKind.Redemption, transactionId, cancellationToken) is { } earlier)
        {
            return earlier.CouponId == coupon?.Coupon.Id
                ? Outcome<PartnerReceipt>.Ok(new PartnerReceipt(earlier, Replayed: true))
                : PartnerErrors.TransactionIdUsed();
        }

        if (coupon is not var (benefit, template))
        {
            return CouponErrors.CouponNotFound("code");
        }

        var now = clock.GetUtcNow().UtcDateTime;
        var reference = $"partner:{transactionId}";
        if (CouponRules.CheckState(benefit, now, reference) is { } refused)
        {
            return refused;
        }

        await using var work = await events.BeginAsync(db, cancellationToken);
        var changed = await db.Coupons
            .Where(c => c.Id == benefit.Id && c.Status == CouponStatus.Available && c.ValidFrom <= now && c.ValidUntil > now)
            .ExecuteUpdateAsync(s => s
                .SetProperty(c => c.Status, CouponStatus.Redeemed)
                .SetProperty(c => c.RedeemedAt, now)
                .SetProperty(c => c.RedeemedOrderRef, reference), cancellationToken);
        if (changed == 0)
        {
            // Written off by a parallel request first: a replay of this transaction commits its row, which the next attempt
            // finds; anything else is the coupon's state.
            var current = await db.Coupons.AsNoTracking().FirstAsync(c => c.Id == benefit.Id, cancellationToken);
            if (current.RedeemedOrderRef == reference)
            {
                throw new DbUpdateConcurrencyException("The same partner redemption committed in parallel.");
            }

            return CouponRules.CheckState(current, now, reference) ?? CouponErrors.AlreadyRedeemed();
        }

        var transaction = new PartnerTransaction
        {
            PartnerId = partner.Id,
            Kind = PartnerTransactionKind.Redemption,
            TransactionId = transactionId,
            MemberId = benefit.MemberId,
            PairwiseId = await PartnerTransactions.ConsentingPairwiseIdAsync(db, benefit.MemberId, partner.Id, cancellationToken),
            CouponId = benefit.Id,
            BenefitName = template.Name,
            At = now,
            BusinessDate = rules.BusinessDay(now),
        };
        db.PartnerTransactions.Add(transaction);
        CouponHistory.Record(db, benefit.Id, CouponHistoryEvent.Redeemed, now, orderRef: reference);
        audit.Record(db, caller, "redeemPartnerBenefit", $"Coupon:{benefit.Id}", $"partner {partner.Id} '{partner.Name}', transaction {transactionId}");
        await db.SaveChangesAsync(cancellationToken);
        work.Raise(new CouponRedeemed(await db.Coupons.AsNoTracking().FirstAsync(c => c.Id == benefit.Id, cancellationToken)));
        await work.CommitAsync(cancellationToken);
        return Outcome<PartnerReceipt>.Ok(new PartnerReceipt(transaction, Replayed: false));
    }

    /// <summary>The coupon with this code when it is one of this partner's benefits; null for any other code.</summary>
    private static async Task<(Coupon Coupon, CouponTemplate Template)?> FindBenefitAsync(
        MemberGraphDb db, long partnerId, string? code, CancellationToken cancellationToken)
    {
        if (CouponCode.Normalize(code) is not { } normalized)
        {
            return null;
        }

        var row = await (
                from coupon in db.Coupons
                where coupon.Code == normalized
                join template in db.CouponTemplates on coupon.TemplateId equals template.Id
                where template.Kind == CouponKind.Partner && template.PartnerId == partnerId
                select new { coupon, template })
            .AsNoTracking()
            .FirstOrDefaultAsync(cancellationToken);
        return row is null ? null : (row.coupon, row.template);
    }
}

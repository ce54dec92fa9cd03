using MemberGraph.Coupons;
using MemberGraph.Domain;
using MemberGraph.Points;
using Microsoft.EntityFrameworkCore;

namespace MemberGraph.Partners;

/// <summary>
/// A partner's benefit bought with points, in the issuing transaction: the member must consent to the partner for
/// POINTS_EXCHANGE (whichever mutation exchanged it — otherwise the exchange is refused and rolls back, points and coupon
/// alike), and the exchange becomes a <see cref="PartnerTransaction"/> for the partner's settlement.
/// </summary>
public sealed class RecordPartnerExchange(EarnRules rules) : IDomainEventHandler<CouponIssued>
{
    public async Task HandleAsync(CouponIssued issued, UnitOfWork work, CancellationToken cancellationToken)
    {
        var coupon = issued.Coupon;
        if (coupon.Source != CouponSource.Exchange)
        {
            return;
        }

        var db = work.Db;
        var template = await db.CouponTemplates.AsNoTracking().FirstAsync(t => t.Id == coupon.TemplateId, cancellationToken);
        if (template is not { Kind: CouponKind.Partner, PartnerId: { } partnerId })
        {
            return;
        }

        if (!await PartnerTransactions.ConsentsAsync(db, coupon.MemberId, partnerId, PartnerConsentPurpose.PointsExchange, cancellationToken))
        {
            throw new RequestRefusedException(RefusalCodes.PartnerConsentRequired,
                "The member does not consent to this partner for POINTS_EXCHANGE: nothing was exchanged.");
        }

        db.PartnerTransactions.Add(new PartnerTransaction
        {
            PartnerId = partnerId,
            Kind = PartnerTransactionKind.PointsExchange,
            TransactionId = $"coupon:{coupon.Id}",
            MemberId = coupon.MemberId,
            PairwiseId = await PartnerTransactions.ConsentingPairwiseIdAsync(db, coupon.MemberId, partnerId, cancellationToken),
            CouponId = coupon.Id,
            BenefitName = template.Name,
            Points = template.PointsPrice ?? 0,
            At = coupon.IssuedAt,
            BusinessDate = rules.BusinessDay(coupon.IssuedAt),
        });
        await db.SaveChangesAsync(cancellationToken);
    }
}

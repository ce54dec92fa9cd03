using MemberGraph.Auth;
using MemberGraph.Coupons;
using MemberGraph.Data;
using MemberGraph.Domain;
using Microsoft.EntityFrameworkCore;

namespace MemberGraph.Partners;

/// <summary>
/// <c>exchangePointsForPartnerBenefit</c>: a member spends brand points on a partner's benefit (200 points → 2 hours'
/// parking at the mall). It is the coupon exchange (<see cref="CouponService.ExchangeAsync"/>: points leave if and only if
/// the coupon is issued, replays of the idempotency key answer the first coupon) for PARTNER templates only, and it needs
/// the member's live POINTS_EXCHANGE consent to that partner — asked here for a clear answer, and enforced again in the
/// issuing transaction by <see cref="RecordPartnerExchange"/>, which also writes the partner transaction.
/// </summary>
public sealed class PartnerBenefitExchanges(IDbContextFactory<MemberGraphDb> factory, CouponService coupons)
{
    public async Task<Outcome<Coupon>> ExchangeAsync(Caller caller, long templateId, string idempotencyKey, CancellationToken cancellationToken)
    {
        if (!caller.Is(Roles.Member) || caller.MemberId is not { } self)
        {
            throw RequestRefusedException.NotAuthorized("exchange points without a member id in the token");
        }

        await using (var db = await factory.CreateDbContextAsync(cancellationToken))
        {
            var template = await db.CouponTemplates.AsNoTracking().FirstOrDefaultAsync(t => t.Id == templateId, cancellationToken);
            if (template is null)
            {
                return CouponErrors.TemplateNotFound();
            }

            if (template is not { Kind: CouponKind.Partner, PartnerId: { } partnerId, PointsPrice: > 0 })
            {
                return PartnerErrors.NotAPartnerBenefit();
            }

            var partner = await db.Partners.AsNoTracking().FirstOrDefaultAsync(p => p.Id == partnerId, cancellationToken);
            if (partner is not { Status: PartnerStatus.Active })
            {
                return partner is null ? PartnerErrors.PartnerNotFound("templateId") : PartnerErrors.Suspended();
            }

            var holder = await CouponHolders.ResolveAsync(db, self, cancellationToken);
            if (holder is { } member && !await PartnerTransactions.ConsentsAsync(db, member, partnerId, PartnerConsentPurpose.PointsExchange, cancellationToken))
            {
                return PartnerErrors.ConsentRequired(PartnerConsentPurpose.PointsExchange, "templateId");
            }
        }

        return await coupons.ExchangeAsync(caller, templateId, idempotencyKey, cancellationToken);
    }
}

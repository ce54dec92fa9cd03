using MemberGraph.Auth;
using MemberGraph.Coupons;
using MemberGraph.Domain;
using MemberGraph.Privacy.Erasure;
using Microsoft.Extensions.Options;

namespace MemberGraph.Partners;

public static class PartnersServiceCollectionExtensions
{
    /// <summary>
    /// Partner malls (section <c>Partners</c>): registration and secrets, the client-credentials grant, consents with
    /// their ledger and pairwise ids (revoked when a member asks to be erased), the member lookup, the demo partners. The API side adds its own parts
    /// (<c>AddPartnerMemberFields</c>, <c>MapPartnerTokenEndpoint</c>).
    /// </summary>
    public static IServiceCollection AddPartners(this IServiceCollection services)
    {
        services.AddOptions<PartnerOptions>()
            .BindConfiguration(PartnerOptions.Section)
            .Validate(p => p.TokenMinutes is >= 1 and <= 1440, "Partners:TokenMinutes is between 1 and 1440 (a day).")
            .Validate<IOptions<AuthOptions>>((p, auth) => TimeSpan.FromMinutes(p.TokenMinutes) <= auth.Value.MaxTokenLifetime,
                "Partners:TokenMinutes must not exceed Auth:MaxTokenLifetime: the gateway would issue tokens it refuses.")
            .Validate(p => p.PointsCredit.All(c => c.Value.Problem(c.Key) is null),
                "Partners:PointsCredit: every partner's PartnerPointsPerPoint and DailyCapPerMember are 1 or more, and DailyCap at least DailyCapPerMember.")
            .ValidateOnStart();
        services.AddSingleton<PartnerService>();
        services.AddSingleton<PartnerTokenService>();
        services.AddSingleton<PartnerConsentService>();
        services.AddSingleton<PartnerMemberLookup>();
        services.AddSingleton<PartnerBenefitRedemptions>();
        services.AddSingleton<PartnerBenefitExchanges>();
        services.AddSingleton<PartnerPointsCredits>();
        services.AddSingleton<PartnerSettlements>();
        services.AddSingleton<DemoPartners>();
        services.AddDomainEventHandler<PartnerConsentGranted, RecordConsentInLedger>();
        services.AddDomainEventHandler<PartnerConsentGranted, IssuePairwiseIdOnConsent>();
        services.AddDomainEventHandler<PartnerConsentRevoked, RecordConsentInLedger>();
        services.AddDomainEventHandler<CouponIssued, RecordPartnerExchange>();
        services.AddDomainEventHandler<ErasureRequested, RevokeConsentsOnErasure>();
        services.AddDomainEventHandler<MemberErased, RevokeConsentsOnErasure>();
        return services;
    }
}

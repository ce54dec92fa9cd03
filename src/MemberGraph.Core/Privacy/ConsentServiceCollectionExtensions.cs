using MemberGraph.Domain;
using MemberGraph.Partners;
using MemberGraph.Privacy.Erasure;

namespace MemberGraph.Privacy;

public static class ConsentServiceCollectionExtensions
{
    /// <summary>
    /// Consents (PIPL): the marketing consents (subscribe-message acceptances, guide outreach) and the one consent ledger, which
    /// also hears the partner feature's consent events. After <c>AddPartners</c>, so that a partner consent change reaches
    /// the partner's own ledger first.
    /// </summary>
    public static IServiceCollection AddConsents(this IServiceCollection services)
    {
        services.AddSingleton<SubscribeMessageTemplates>();
        services.AddSingleton<MarketingConsentService>();
        services.AddDomainEventHandler<MarketingConsentChanged, AppendToConsentLedger>();
        services.AddDomainEventHandler<PartnerConsentGranted, AppendToConsentLedger>();
        services.AddDomainEventHandler<PartnerConsentRevoked, AppendToConsentLedger>();
        services.AddDomainEventHandler<ErasureRequested, WithdrawMarketingConsentsOnErasure>();
        services.AddDomainEventHandler<MemberErased, WithdrawMarketingConsentsOnErasure>();
        return services;
    }
}

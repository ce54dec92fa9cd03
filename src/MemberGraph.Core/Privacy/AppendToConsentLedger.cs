using MemberGraph.Domain;
using MemberGraph.Partners;

namespace MemberGraph.Privacy;

/// <summary>
/// The one consent ledger: an entry per change of any consent, in the change's transaction — marketing consents
/// (<see cref="MarketingConsentChanged"/>) and partner sharing (<see cref="PartnerConsentGranted"/>,
/// <see cref="PartnerConsentRevoked"/>, which the partner feature also keeps in its own ledger), whoever raised them.
/// </summary>
public sealed class AppendToConsentLedger :
    IDomainEventHandler<MarketingConsentChanged>, IDomainEventHandler<PartnerConsentGranted>, IDomainEventHandler<PartnerConsentRevoked>
{
    public Task HandleAsync(MarketingConsentChanged changed, UnitOfWork work, CancellationToken cancellationToken) =>
        Append(work, new ConsentLedgerEntry
        {
            MemberId = changed.MemberId, Purpose = changed.Purpose, TemplateId = changed.TemplateId, Action = changed.Action,
            Channel = changed.Channel, At = changed.OccurredAt,
        });

    public Task HandleAsync(PartnerConsentGranted granted, UnitOfWork work, CancellationToken cancellationToken) =>
        Append(work, Partner(granted.MemberId, granted.PartnerId, granted.Purpose, ConsentAction.Granted, granted.Channel, granted.OccurredAt));

    public Task HandleAsync(PartnerConsentRevoked revoked, UnitOfWork work, CancellationToken cancellationToken) =>
        Append(work, Partner(revoked.MemberId, revoked.PartnerId, revoked.Purpose, ConsentAction.Revoked, revoked.Channel, revoked.OccurredAt));

    /// <summary>The ledger's purpose for a partner consent's (the migration that created the ledger copied the older entries the same way).</summary>
    public static ConsentPurpose PurposeOf(PartnerConsentPurpose purpose) => purpose switch
    {
        PartnerConsentPurpose.Benefits => ConsentPurpose.PartnerBenefits,
        PartnerConsentPurpose.PointsExchange => ConsentPurpose.PartnerPointsExchange,
        _ => throw new ArgumentOutOfRangeException(nameof(purpose), purpose, "A partner consent purpose without a ledger purpose."),
    };

    private static ConsentLedgerEntry Partner(
        long memberId, long partnerId, PartnerConsentPurpose purpose, ConsentAction action, ConsentChannel channel, DateTime at) =>
        new() { MemberId = memberId, PartnerId = partnerId, Purpose = PurposeOf(purpose), Action = action, Channel = channel, At = at };

    private static Task Append(UnitOfWork work, ConsentLedgerEntry entry)
    {
        work.Db.ConsentLedger.Add(entry);
        return Task.CompletedTask;
    }
}

using MemberGraph.Domain;

namespace MemberGraph.Partners;

/// <summary>
/// The consent ledger: one entry per change, in the change's transaction, whoever made it (the member in the
/// mini-program, or <see cref="RevokeConsentsOnErasure"/> when the member asks to be erased, which raises the same events).
/// </summary>
public sealed class RecordConsentInLedger : IDomainEventHandler<PartnerConsentGranted>, IDomainEventHandler<PartnerConsentRevoked>
{
    public Task HandleAsync(PartnerConsentGranted granted, UnitOfWork work, CancellationToken cancellationToken) =>
        Append(work, granted.MemberId, granted.PartnerId, granted.Purpose, PartnerConsentAction.Granted, granted.Channel, granted.OccurredAt);

    public Task HandleAsync(PartnerConsentRevoked revoked, UnitOfWork work, CancellationToken cancellationToken) =>
        Append(work, revoked.MemberId, revoked.PartnerId, revoked.Purpose, PartnerConsentAction.Revoked, revoked.Channel, revoked.OccurredAt);

    private static Task Append(
        UnitOfWork work, long memberId, long partnerId, PartnerConsentPurpose purpose, PartnerConsentAction action, ConsentChannel channel,
        DateTime at)
    {
        work.Db.PartnerConsentLedger.Add(new PartnerConsentLedgerEntry
        {
            MemberId = memberId, PartnerId = partnerId, Purpose = purpose, Action = action, Channel = channel, At = at,
        });
        return Task.CompletedTask;
    }
}

using MemberGraph.Audit;
using MemberGraph.Auth;
using MemberGraph.Data;
using MemberGraph.Domain;
using MemberGraph.Members;
using Microsoft.EntityFrameworkCore;

namespace MemberGraph.Partners;

/// <summary>What a consent mutation left: the live consent (null once revoked) and the ledger entry it wrote (null when nothing changed).</summary>
public sealed record ConsentChange(PartnerConsent? Consent, PartnerConsentLedgerEntry? LedgerEntry);

/// <summary>
/// <c>grantPartnerConsent</c> and <c>revokePartnerConsent</c>: a member, for themselves only (a merged member's earlier
/// token acts for the survivor), per partner and purpose. Idempotent: granting a live consent or revoking one that is not
/// live changes nothing, writes no ledger entry and no audit line. A change raises <see cref="PartnerConsentGranted"/> or
/// <see cref="PartnerConsentRevoked"/>, whose handlers write the ledger and, on a first consent, the pairwise id, in the
/// same transaction. Parallel requests meet at the unique indexes and retry: the end state and the ledger are as if
/// they had come one after the other.
/// </summary>
public sealed class PartnerConsentService(IDbContextFactory<MemberGraphDb> factory, DomainEventDispatcher events, AuditLog audit, TimeProvider clock)
{
    private const int Attempts = 4;

    public Task<Outcome<ConsentChange>> GrantAsync(
        Caller caller, PartnerConsentInput input, ConsentChannel channel, CancellationToken cancellationToken) =>
        ChangeAsync(caller, input, grant: true, channel, cancellationToken);

    public Task<Outcome<ConsentChange>> RevokeAsync(
        Caller caller, PartnerConsentInput input, ConsentChannel channel, CancellationToken cancellationToken) =>
        ChangeAsync(caller, input, grant: false, channel, cancellationToken);

    private async Task<Outcome<ConsentChange>> ChangeAsync(
        Caller caller, PartnerConsentInput input, bool grant, ConsentChannel channel, CancellationToken cancellationToken)
    {
        if (!caller.Is(Roles.Member) || caller.MemberId is not { } self)
        {
            throw RequestRefusedException.NotAuthorized("change partner consents without a member id in the token");
        }

        if (GlobalId.TryDecode(input.PartnerId, "Partner") is not { } partnerId)
        {
            return PartnerErrors.PartnerNotFound();
        }

        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await TryChangeAsync(caller, self, partnerId, input.Purpose, grant, channel, cancellationToken);
            }
            catch (DbUpdateException ex) when (attempt < Attempts && ex.IsRetryable())
            {
                // A parallel grant or revoke of the same consent (or a first grant of another purpose creating the pairwise
                // id) committed first: read again and decide again.
            }
        }
    }

    private async Task<Outcome<ConsentChange>> TryChangeAsync(
        Caller caller, long tokenMemberId, long partnerId, PartnerConsentPurpose purpose, bool grant, ConsentChannel channel,
        CancellationToken cancellationToken)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var member = await MemberReader.FollowMergesAsync(db, tokenMemberId, cancellationToken);
        if (member is not { Status: MemberStatus.Active })
        {
            return PartnerErrors.MemberNotActive();
        }

        var partner = await db.Partners.AsNoTracking().FirstOrDefaultAsync(p => p.Id == partnerId, cancellationToken);
        if (partner is null)
        {
            return PartnerErrors.PartnerNotFound();
        }

        // Withdrawing is always possible; sharing with a suspended partner is not.
        if (grant && partner.Status != PartnerStatus.Active)
        {
            return PartnerErrors.Suspended();
        }

        await using var work = await events.BeginAsync(db, cancellationToken);
        var live = await db.PartnerConsents
            .FirstOrDefaultAsync(c => c.MemberId == member.Id && c.PartnerId == partnerId && c.Purpose == purpose, cancellationToken);
        if (grant == (live is not null))
        {
            return Outcome<ConsentChange>.Ok(new ConsentChange(live, null));
        }

        var now = clock.GetUtcNow().UtcDateTime;
        if (grant)
        {
            live = new PartnerConsent { MemberId = member.Id, PartnerId = partnerId, Purpose = purpose, Channel = channel, GrantedAt = now };
            db.PartnerConsents.Add(live);
            work.Raise(new PartnerConsentGranted(member.Id, partnerId, purpose, channel, now));
        }
        else
        {
            db.PartnerConsents.Remove(live!);
            work.Raise(new PartnerConsentRevoked(member.Id, partnerId, purpose, channel, now));
        }

        audit.Record(db, caller, grant ? "partner.consent.grant" : "partner.consent.revoke", $"Member:{member.Id}",
            $"partner {partnerId} '{partner.Name}', {ConstantCase.Of(purpose)}, {ConstantCase.Of(channel)}");
        await work.CommitAsync(cancellationToken);

        // The entry the ledger handler appended in this unit of work.
        var entry = db.PartnerConsentLedger.Local.LastOrDefault(e => e.MemberId == member.Id && e.PartnerId == partnerId && e.Purpose == purpose);
        return Outcome<ConsentChange>.Ok(new ConsentChange(grant ? live : null, entry));
    }
}

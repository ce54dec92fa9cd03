using MemberGraph.Auth;
using MemberGraph.Data;
using MemberGraph.Domain;
using MemberGraph.Members;
using MemberGraph.Tiers;
using Microsoft.EntityFrameworkCore;

namespace MemberGraph.Partners;

/// <summary>
/// <c>partnerMemberLookup</c>: a partner finds a member who consents to it by the member code the member shows (the
/// mini-program's QR code) or by phone number. A member who is unknown, not active, or consents to this partner for no
/// purpose is the same miss (null): both go through the same single query — the candidate member, joined with this
/// partner's live consents and pairwise ids — so neither the answer nor the path tells them apart. The consent is read
/// at every request, so a revocation is a miss on the partner's next request.
/// </summary>
public sealed class PartnerMemberLookup(IDbContextFactory<MemberGraphDb> factory, MemberCodeService memberCodes, TierLadder ladder)
{
    public async Task<PartnerMember?> FindAsync(Caller caller, string? memberCode, string? phone, CancellationToken cancellationToken)
    {
        if ((memberCode is null) == (phone is null))
        {
            throw RequestRefusedException.BadInput("Give exactly one of memberCode and phone.");
        }

        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var partner = await PartnerAccess.RequireCurrentAsync(db, caller, cancellationToken);
        var candidates = memberCode is not null ? ByMemberCode(db, memberCode) : ByPhone(db, phone!);

        var found = await ReadAsync(db, partner.Id, candidates, cancellationToken);
        return found.Values.FirstOrDefault();
    }

    /// <summary>
    /// The federation entities <c>PartnerMember</c> by the pairwise ids a gateway sends in <c>_entities</c>, for the calling
    /// partner only, in one query whatever the number: an id that is unknown, another partner's, or of a member who no
    /// longer consents to this partner is simply absent from the answer (the caller cannot tell which).
    /// </summary>
    public async Task<IReadOnlyDictionary<string, PartnerMember>> ResolveAsync(
        Caller caller, IReadOnlyCollection<string> pairwiseIds, CancellationToken cancellationToken)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var partner = await PartnerAccess.RequireCurrentAsync(db, caller, cancellationToken);
        var ids = pairwiseIds.Distinct().ToList();
        var candidates = db.PairwiseIdentities.Where(p => p.PartnerId == partner.Id && ids.Contains(p.PairwiseId)).Select(p => p.MemberId);
        return await ReadAsync(db, partner.Id, candidates, cancellationToken);
    }

    /// <summary>
    /// The candidates who are active and consent to the partner now, by pairwise id: one query joining this partner's live
    /// consents, the members, the pairwise ids and the tiers.
    /// </summary>
    private async Task<Dictionary<string, PartnerMember>> ReadAsync(
        MemberGraphDb db, long partnerId, IQueryable<long> candidates, CancellationToken cancellationToken)
    {
        var rows = await (
                from consent in db.PartnerConsents
                where consent.PartnerId == partnerId && candidates.Contains(consent.MemberId)
                join member in db.Members on consent.MemberId equals member.Id
                where member.Status == MemberStatus.Active
                join pairwise in db.PairwiseIdentities
                    on new { consent.MemberId, consent.PartnerId } equals new { pairwise.MemberId, pairwise.PartnerId }
                join tier in db.MemberTiers on member.Id equals tier.MemberId into tiers
                from tier in tiers.DefaultIfEmpty()
                select new { pairwise.PairwiseId, MemberId = member.Id, member.DisplayName, consent.Purpose, Level = (int?)tier.Level })
            .AsNoTracking()
            .ToListAsync(cancellationToken);

        return rows.GroupBy(r => r.PairwiseId).ToDictionary(g => g.Key, g =>
        {
            var purposes = g.Select(r => r.Purpose).Distinct().Order().ToList();
            var first = g.First();
            return new PartnerMember(first.PairwiseId, PartnerMember.MaskName(first.DisplayName), purposes)
            {
                MemberId = first.MemberId,
                PartnerId = partnerId,
                TierName = purposes.Contains(PartnerConsentPurpose.Benefits) ? ladder.NameOf(first.Level ?? 0) : null,
            };
        }, StringComparer.Ordinal);
    }

    /// <summary>The member a code names; an expired or forged code is refused as at the till (it says nothing about any member).</summary>
    private IQueryable<long> ByMemberCode(MemberGraphDb db, string code)
    {
        var check = memberCodes.Verify(code);
        var memberId = check.Status switch
        {
            MemberCodeStatus.Expired => throw new RequestRefusedException(RefusalCodes.MemberCodeExpired, MemberCodeService.ExpiredMessage),
            MemberCodeStatus.Invalid => throw new RequestRefusedException(RefusalCodes.MemberCodeInvalid, MemberCodeService.InvalidMessage),
            _ => check.MemberId,
        };
        return db.Members.Where(m => m.Id == memberId).Select(m => m.Id);
    }

    /// <summary>The member a phone number is linked to (OneID's PHONE identity); a number that is no mainland mobile is refused.</summary>
    private static IQueryable<long> ByPhone(MemberGraphDb db, string phone)
    {
        var number = phone.Trim();
        if (!IdentityValue.IsMainlandMobile(number))
        {
            throw RequestRefusedException.BadInput("A phone number is a mainland mobile number: 11 digits starting with 13 to 19, no +86.");
        }

        return db.Identities.Where(i => i.Channel == IdentityChannel.Phone && i.ExternalId == number).Select(i => i.MemberId);
    }
}

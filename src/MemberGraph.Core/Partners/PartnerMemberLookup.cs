using MemberGraph.Auth;
using MemberGraph.Data;
using MemberGraph.Domain;
using MemberGraph.Members;
using Microsoft.EntityFrameworkCore;

namespace MemberGraph.Partners;

/// <summary>
/// <c>partnerMemberLookup</c>: a partner finds a member who consents to it by the member code the member shows (the
/// mini-program's QR code) or by phone number. A member who is unknown, not active, or consents to this partner for no
/// purpose is the same miss (null): both go through the same single query — the candidate member, joined with this
/// partner's live consents and pairwise ids — so neither the answer nor the path tells them apart. The consent is read
/// at every request, so a revocation is a miss on the partner's next request.
/// </summary>
public sealed class PartnerMemberLookup(IDbContextFactory<MemberGraphDb> factory, MemberCodeService memberCodes)
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

        var rows = await (
                from consent in db.PartnerConsents
                where consent.PartnerId == partner.Id && candidates.Contains(consent.MemberId)
                join member in db.Members on consent.MemberId equals member.Id
                where member.Status == MemberStatus.Active
                join pairwise in db.PairwiseIdentities
                    on new { consent.MemberId, consent.PartnerId } equals new { pairwise.MemberId, pairwise.PartnerId }
                select new { pairwise.PairwiseId, member.DisplayName, consent.Purpose })
            .AsNoTracking()
            .ToListAsync(cancellationToken);

        return rows.Count == 0
            ? null
            : new PartnerMember(
                rows[0].PairwiseId, PartnerMember.MaskName(rows[0].DisplayName), rows.Select(r => r.Purpose).Distinct().Order().ToList());
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

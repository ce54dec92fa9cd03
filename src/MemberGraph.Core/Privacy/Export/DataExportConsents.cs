using MemberGraph.Data;
using MemberGraph.Domain;
using Microsoft.EntityFrameworkCore;

namespace MemberGraph.Privacy.Export;

/// <summary>
/// The export's sections about sharing with partners: the live consents, every change of them (the ledger), the pairwise
/// id each partner knows the member by, and the transactions settled with partners about the member.
/// </summary>
internal sealed record DataExportConsents(object Partners, object PartnerLedger, object PairwiseIds, object PartnerTransactions)
{
    public static async Task<DataExportConsents> ReadAsync(MemberGraphDb db, long memberId, CancellationToken ct)
    {
        var consents = await db.PartnerConsents.AsNoTracking().Where(c => c.MemberId == memberId).OrderBy(c => c.Id).ToListAsync(ct);
        var ledger = await db.PartnerConsentLedger.AsNoTracking().Where(e => e.MemberId == memberId).OrderBy(e => e.Id).ToListAsync(ct);
        var pairwise = await db.PairwiseIdentities.AsNoTracking().Where(p => p.MemberId == memberId).OrderBy(p => p.Id).ToListAsync(ct);
        var transactions = await db.PartnerTransactions.AsNoTracking().Where(t => t.MemberId == memberId).OrderBy(t => t.Id).ToListAsync(ct);
        var partnerIds = consents.Select(c => c.PartnerId).Concat(ledger.Select(e => e.PartnerId)).Concat(pairwise.Select(p => p.PartnerId))
            .Concat(transactions.Select(t => t.PartnerId)).Distinct().ToList();
        var names = await db.Partners.AsNoTracking().Where(p => partnerIds.Contains(p.Id)).ToDictionaryAsync(p => p.Id, p => p.Name, ct);
        object Partner(long id) => new { id = GlobalId.Encode("Partner", id), name = names.GetValueOrDefault(id) };

        return new DataExportConsents(
            consents.Select(c => new
            {
                partner = Partner(c.PartnerId), purpose = ConstantCase.Of(c.Purpose), channel = ConstantCase.Of(c.Channel), c.GrantedAt,
            }).ToList(),
            ledger.Select(e => new
            {
                partner = Partner(e.PartnerId), purpose = ConstantCase.Of(e.Purpose), action = ConstantCase.Of(e.Action),
                channel = ConstantCase.Of(e.Channel), e.At,
            }).ToList(),
            pairwise.Select(p => new { partner = Partner(p.PartnerId), p.PairwiseId, p.CreatedAt }).ToList(),
            transactions.Select(t => new
            {
                partner = Partner(t.PartnerId), kind = ConstantCase.Of(t.Kind), t.TransactionId, t.PairwiseId, t.BenefitName, t.Points,
                t.PartnerPoints, t.At, t.BusinessDate,
            }).ToList());
    }
}

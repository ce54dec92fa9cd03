using MemberGraph.Data;
using Microsoft.EntityFrameworkCore;

namespace MemberGraph.Partners;

/// <summary>The reads every partner transaction needs: a valid transaction id, an earlier one with the same id, the member's pairwise id.</summary>
internal static class PartnerTransactions
{
    /// <summary>A partner's transaction id: 1 to 64 visible ASCII characters, no spaces.</summary>
    public static bool IsValidId(string? transactionId) =>
        transactionId is { Length: > 0 and <= PartnerTransaction.TransactionIdMaxLength } && transactionId.All(c => c is > ' ' and < (char)127);

    public static Task<PartnerTransaction?> FindAsync(
        MemberGraphDb db, long partnerId, PartnerTransactionKind kind, string transactionId, CancellationToken cancellationToken) =>
        db.PartnerTransactions.AsNoTracking()
            .FirstOrDefaultAsync(t => t.PartnerId == partnerId && t.Kind == kind && t.TransactionId == transactionId, cancellationToken);

    /// <summary>The member's pairwise id for the partner while they consent to it for some purpose; null otherwise.</summary>
    public static Task<string?> ConsentingPairwiseIdAsync(MemberGraphDb db, long memberId, long partnerId, CancellationToken cancellationToken) =>
        db.PairwiseIdentities.AsNoTracking()
            .Where(p => p.MemberId == memberId && p.PartnerId == partnerId
                        && db.PartnerConsents.Any(c => c.MemberId == memberId && c.PartnerId == partnerId))
            .Select(p => p.PairwiseId)
            .FirstOrDefaultAsync(cancellationToken);

    /// <summary>Whether the member consents to the partner for <paramref name="purpose"/> now.</summary>
    public static Task<bool> ConsentsAsync(MemberGraphDb db, long memberId, long partnerId, PartnerConsentPurpose purpose, CancellationToken cancellationToken) =>
        db.PartnerConsents.AnyAsync(c => c.MemberId == memberId && c.PartnerId == partnerId && c.Purpose == purpose, cancellationToken);
}

using MemberGraph.Auth;
using MemberGraph.Data;
using MemberGraph.Domain;
using Microsoft.EntityFrameworkCore;

namespace MemberGraph.Partners;

/// <summary>One partner's business day for reconciliation (对账): counts and points of each kind of transaction.</summary>
public sealed record PartnerSettlement(long PartnerId, DateOnly Date)
{
    public int Redemptions { get; init; }
    public int Exchanges { get; init; }
    public long PointsExchanged { get; init; }
    public int Credits { get; init; }
    public long PointsCredited { get; init; }
    public long PartnerPointsCredited { get; init; }
}

/// <summary>
/// <c>partnerSettlement(partnerId, date)</c>: the day's redemptions, exchanges and credits of a partner, for admins (any
/// partner) and for the partner itself (its own only; another partner's id is AUTH_NOT_AUTHORIZED). The day is the
/// business day in China time, as transactions were stamped when written; the totals are one grouped query.
/// </summary>
public sealed class PartnerSettlements(IDbContextFactory<MemberGraphDb> factory)
{
    public async Task<PartnerSettlement?> ReadAsync(Caller caller, long partnerId, DateOnly date, CancellationToken cancellationToken)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        await RequireMaySeeAsync(db, caller, partnerId, cancellationToken);
        if (!await db.Partners.AnyAsync(p => p.Id == partnerId, cancellationToken))
        {
            return null;
        }

        var totals = await Transactions(db, partnerId, date)
            .GroupBy(t => t.Kind)
            .Select(g => new { Kind = g.Key, Count = g.Count(), Points = g.Sum(t => t.Points), PartnerPoints = g.Sum(t => t.PartnerPoints ?? 0) })
            .ToListAsync(cancellationToken);
        var of = totals.ToDictionary(t => t.Kind);
        return new PartnerSettlement(partnerId, date)
        {
            Redemptions = of.GetValueOrDefault(PartnerTransactionKind.Redemption)?.Count ?? 0,
            Exchanges = of.GetValueOrDefault(PartnerTransactionKind.PointsExchange)?.Count ?? 0,
            PointsExchanged = of.GetValueOrDefault(PartnerTransactionKind.PointsExchange)?.Points ?? 0,
            Credits = of.GetValueOrDefault(PartnerTransactionKind.PointsCredit)?.Count ?? 0,
            PointsCredited = of.GetValueOrDefault(PartnerTransactionKind.PointsCredit)?.Points ?? 0,
            PartnerPointsCredited = of.GetValueOrDefault(PartnerTransactionKind.PointsCredit)?.PartnerPoints ?? 0,
        };
    }

    /// <summary>The day's transactions of a partner, for paging (oldest first, by id).</summary>
    public static IQueryable<PartnerTransaction> Transactions(MemberGraphDb db, long partnerId, DateOnly date) =>
        db.PartnerTransactions.AsNoTracking().Where(t => t.PartnerId == partnerId && t.BusinessDate == date);

    /// <summary>Admins see every partner's settlement; a partner (with a token that still stands) its own only.</summary>
    public static async Task RequireMaySeeAsync(MemberGraphDb db, Caller caller, long partnerId, CancellationToken cancellationToken)
    {
        if (caller.Is(Roles.Admin))
        {
            return;
        }

        var partner = await PartnerAccess.RequireCurrentAsync(db, caller, cancellationToken);
        if (partner.Id != partnerId)
        {
            throw RequestRefusedException.NotAuthorized("see another partner's settlement");
        }
    }
}

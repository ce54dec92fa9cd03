using MemberGraph.Audit;
using MemberGraph.Auth;
using MemberGraph.Data;
using MemberGraph.Domain;
using Microsoft.EntityFrameworkCore;

namespace MemberGraph.Guides;

public sealed record GuideResignation(Guide Guide, IReadOnlyList<CustomerTransfer> Transfers, IReadOnlyList<TransferRefusal> Refusals);

/// <summary>
/// <c>markGuideResigned</c>: the guide leaves, their customers stay with the company. The customers are shared out
/// round-robin among the store's other active guides as resigned transfers (离职继承), pending WeCom's takeover.
/// </summary>
public sealed class GuideResignationService(IDbContextFactory<MemberGraphDb> factory, CustomerTransferService transfers, AuditLog audit, TimeProvider clock)
{
    public async Task<Outcome<GuideResignation>> ResignAsync(Caller caller, long guideId, CancellationToken cancellationToken)
    {
        Guide guide;
        List<long> successors;
        List<long> customers;
        await using (var db = await factory.CreateDbContextAsync(cancellationToken))
        {
            var found = await db.Guides.FirstOrDefaultAsync(g => g.Id == guideId, cancellationToken);
            if (found is null)
            {
                return Outcome<GuideResignation>.Refused(UserErrorCode.NotFound, "There is no such guide.", "guideId");
            }

            GuideAccess.EnsureCanManage(caller, found.StoreId, "mark guides of another store resigned");
            if (found.Status == GuideStatus.Resigned)
            {
                return Outcome<GuideResignation>.Refused(UserErrorCode.GuideResigned, "This guide is already marked resigned.", "guideId");
            }

            found.Status = GuideStatus.Resigned;
            found.ResignedAt = clock.GetUtcNow().UtcDateTime;
            audit.Record(db, caller, "guide.resign", $"Guide:{found.Id}");
            await db.SaveChangesAsync(cancellationToken);
            guide = found;

            successors = await db.Guides.AsNoTracking()
                .Where(g => g.StoreId == found.StoreId && g.Status == GuideStatus.Active && g.Id != found.Id)
                .OrderBy(g => g.Id).Select(g => g.Id)
                .ToListAsync(cancellationToken);
            customers = await db.GuideRelationships.AsNoTracking()
                .Where(r => r.GuideId == found.Id && r.EndedAt == null)
                .Select(r => r.MemberId).Distinct().OrderBy(id => id)
                .ToListAsync(cancellationToken);
        }

        var started = new List<CustomerTransfer>();
        var refusals = new List<TransferRefusal>();
        if (successors.Count == 0)
        {
            return Outcome<GuideResignation>.Ok(new GuideResignation(guide, started, refusals));
        }

        var shares = customers.Select((memberId, index) => (memberId, successor: successors[index % successors.Count]))
            .GroupBy(x => x.successor, x => x.memberId);
        foreach (var share in shares)
        {
            var outcome = await transfers.TransferAsync(caller, new TransferCustomersRequest(guide.Id, share.Key, share.ToList(), "guide resigned"), cancellationToken);
            if (outcome.Succeeded)
            {
                started.AddRange(outcome.Value!.Transfers);
                refusals.AddRange(outcome.Value.Refusals);
            }
            else
            {
                refusals.AddRange(share.Select(memberId => new TransferRefusal(memberId, outcome.Error!.Code, outcome.Error.Message)));
            }
        }

        return Outcome<GuideResignation>.Ok(new GuideResignation(guide, started, refusals));
    }
}

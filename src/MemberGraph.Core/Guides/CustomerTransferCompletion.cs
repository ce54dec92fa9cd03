using MemberGraph.Audit;
using MemberGraph.Auth;
using MemberGraph.Data;
using MemberGraph.Domain;
using MemberGraph.Tencent.WeCom;
using Microsoft.EntityFrameworkCore;

namespace MemberGraph.Guides;

public sealed record CompletionReport(int Completed, int Failed, int StillPending);

/// <summary>
/// The end of a customer transfer: after WeCom's 24 h the old relationship ends ("transferred") and one with the new
/// guide opens (source Transfer), unless WeCom reports the customer refused or the takeover guide is full.
/// </summary>
public sealed class CustomerTransferCompletion(
    IDbContextFactory<MemberGraphDb> factory,
    WeComClient wecom,
    AuditLog audit,
    DomainEventDispatcher events,
    TimeProvider clock,
    ILogger<CustomerTransferCompletion> logger)
{
    public const int MaxPerRun = 1000;

    /// <summary>
    /// Completes pending transfers whose 24 h are over: asks WeCom's transfer_result per guide pair (completed,
    /// waiting, refused, takeover limit) and treats customers WeCom no longer lists as taken over. Run by a job, or on
    /// demand (<c>completeDueTransfers</c>).
    /// </summary>
    public async Task<CompletionReport> CompleteDueTransfersAsync(DateTime now, Caller actor, CancellationToken cancellationToken, int limit = MaxPerRun)
    {
        List<CustomerTransfer> due;
        Dictionary<long, Guide> guides;
        await using (var db = await factory.CreateDbContextAsync(cancellationToken))
        {
            due = await db.CustomerTransfers.AsNoTracking()
                .Where(t => t.Status == CustomerTransferStatus.Pending && t.DueAt <= now)
                .OrderBy(t => t.Id)
                .Take(Math.Clamp(limit, 1, MaxPerRun))
                .ToListAsync(cancellationToken);
            var guideIds = due.SelectMany(t => new[] { t.FromGuideId, t.ToGuideId }).Distinct().ToList();
            guides = await db.Guides.AsNoTracking().Where(g => guideIds.Contains(g.Id)).ToDictionaryAsync(g => g.Id, cancellationToken);
        }

        int completed = 0, failed = 0, waiting = 0;
        foreach (var pair in due.GroupBy(t => (t.FromGuideId, t.ToGuideId, t.Kind)))
        {
            var statuses = await TransferStatusesAsync(guides[pair.Key.FromGuideId], guides[pair.Key.ToGuideId], pair.Key.Kind, pair, cancellationToken);
            if (statuses is null)
            {
                waiting += pair.Count();
                continue;
            }

            foreach (var transfer in pair)
            {
                var status = transfer.ExternalUserId is { } external && statuses.TryGetValue(external, out var s) ? s : WeComTransferStatus.Completed;
                switch (status)
                {
                    case WeComTransferStatus.Waiting:
                        waiting++;
                        break;
                    case WeComTransferStatus.CustomerRefused or WeComTransferStatus.TakeoverLimitReached:
                        await FailAsync(transfer.Id, status == WeComTransferStatus.CustomerRefused ? "customer_refused" : "takeover_limit_reached", actor, cancellationToken);
                        failed++;
                        break;
                    default:
                        if (await CompleteAsync(transfer.Id, actor, cancellationToken))
                        {
                            completed++;
                        }

                        break;
                }
            }
        }

        logger.LogInformation("Due transfers: {Completed} completed, {Failed} failed, {Waiting} still waiting", completed, failed, waiting);
        return new CompletionReport(completed, failed, waiting);
    }

    /// <summary>transfer_result for one guide pair, all pages; null when WeCom could not answer (try again later).</summary>
    private async Task<Dictionary<string, int>?> TransferStatusesAsync(Guide from, Guide to, CustomerTransferKind kind, IEnumerable<CustomerTransfer> transfers, CancellationToken cancellationToken)
    {
        var statuses = new Dictionary<string, int>(StringComparer.Ordinal);
        if (transfers.All(t => t.ExternalUserId is null))
        {
            return statuses;
        }

        var cursor = "";
        for (var page = 0; page < 100; page++)
        {
            var result = await wecom.TransferResultAsync(new WeComTransferResultRequest { HandoverUserId = from.WeComUserId, TakeoverUserId = to.WeComUserId, Cursor = cursor },
                kind == CustomerTransferKind.Resigned, cancellationToken);
            if (!result.Succeeded)
            {
                logger.LogWarning("transfer_result for guides {From} → {To} failed ({Failure}); their transfers stay pending", from.Id, to.Id, result.Failure);
                return null;
            }

            foreach (var customer in result.Value!.Customer)
            {
                statuses[customer.ExternalUserId] = customer.Status;
            }

            if (string.IsNullOrEmpty(result.Value.NextCursor))
            {
                break;
            }

            cursor = result.Value.NextCursor;
        }

        return statuses;
    }

    /// <summary>Ends the old relationship ("transferred") and opens the new one (source Transfer, same kind).</summary>
    public async Task<bool> CompleteAsync(long transferId, Caller actor, CancellationToken cancellationToken)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        await using var work = await events.BeginAsync(db, cancellationToken);
        var transfer = await db.CustomerTransfers.SingleAsync(t => t.Id == transferId, cancellationToken);
        if (transfer.Status != CustomerTransferStatus.Pending)
        {
            return false;
        }

        var now = clock.GetUtcNow().UtcDateTime;
        var ended = await GuideRelationships.EndAsync(db, transfer.MemberId, transfer.FromGuideId, GuideRelationships.Transferred, now, cancellationToken);

        // Saved before the new relationship is added, so the old exclusive row is closed when the new one arrives.
        await db.SaveChangesAsync(cancellationToken);
        var kind = ended.Any(r => r.Kind == GuideRelationshipKind.Exclusive) ? GuideRelationshipKind.Exclusive
            : ended.Count > 0 ? GuideRelationshipKind.Follow
            : (GuideRelationshipKind?)null;
        var (relationship, opened) = await GuideRelationships.OpenAsync(db, transfer.MemberId, transfer.ToGuideId, RelationshipSource.Transfer,
            $"transfer {transfer.Id}", now, cancellationToken, kind);
        await db.SaveChangesAsync(cancellationToken);

        transfer.Status = CustomerTransferStatus.Completed;
        transfer.CompletedAt = now;
        transfer.NewRelationshipId = relationship.Id;
        audit.Record(db, actor, "guide.transfer.completed", $"Member:{transfer.MemberId}",
            $"transfer {transfer.Id}: guide {transfer.FromGuideId} → {transfer.ToGuideId}, {relationship.Kind}");
        if (opened)
        {
            work.Raise(CustomerBound.Of(relationship, now));
        }

        await work.CommitAsync(cancellationToken);
        return true;
    }

    private async Task FailAsync(long transferId, string reason, Caller actor, CancellationToken cancellationToken)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var transfer = await db.CustomerTransfers.SingleAsync(t => t.Id == transferId, cancellationToken);
        if (transfer.Status != CustomerTransferStatus.Pending)
        {
            return;
        }

        transfer.Fail(reason, clock.GetUtcNow().UtcDateTime);
        audit.Record(db, actor, "guide.transfer.failed", $"Member:{transfer.MemberId}", $"transfer {transfer.Id}: {reason}");
        await db.SaveChangesAsync(cancellationToken);
    }
}

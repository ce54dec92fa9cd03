using MemberGraph.Audit;
using MemberGraph.Auth;
using MemberGraph.Data;
using MemberGraph.Domain;
using MemberGraph.Members;
using MemberGraph.Tencent.WeCom;
using Microsoft.EntityFrameworkCore;

namespace MemberGraph.Guides;

public sealed record TransferCustomersRequest(long FromGuideId, long ToGuideId, IReadOnlyList<long>? MemberIds, string Reason);

/// <summary>A customer that was not transferred, and why (per customer, so the rest of the request still runs).</summary>
public sealed record TransferRefusal(long MemberId, UserErrorCode Code, string Message);

public sealed record TransferCustomersResult(IReadOnlyList<CustomerTransfer> Transfers, IReadOnlyList<TransferRefusal> Refusals);

/// <summary>
/// Hands customers from one guide to another (在职继承 / 离职继承) the way WeCom does it: at most 100 customers per
/// WeCom call, each customer pending for 24 h until WeCom completes the takeover, at most twice per customer in 90
/// days (enforced here before WeCom is asked), history kept.
/// </summary>
public sealed class CustomerTransferService(
    IDbContextFactory<MemberGraphDb> factory,
    WeComClient wecom,
    AuditLog audit,
    TimeProvider clock,
    CustomerTransferCompletion completion,
    ILogger<CustomerTransferService> logger)
{
    public static readonly TimeSpan TakeoverDelay = TimeSpan.FromHours(24);
    public static readonly TimeSpan LimitWindow = TimeSpan.FromDays(90);
    public const int LimitPerWindow = 2;

    public async Task<Outcome<TransferCustomersResult>> TransferAsync(Caller caller, TransferCustomersRequest request, CancellationToken cancellationToken)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var guides = await db.Guides.AsNoTracking().Where(g => g.Id == request.FromGuideId || g.Id == request.ToGuideId).ToDictionaryAsync(g => g.Id, cancellationToken);
        if (!guides.TryGetValue(request.FromGuideId, out var from))
        {
            return Outcome<TransferCustomersResult>.Refused(UserErrorCode.NotFound, "There is no such guide to transfer from.", "fromGuideId");
        }

        GuideAccess.EnsureCanManage(caller, from.StoreId, "transfer this guide's customers");
        if (!guides.TryGetValue(request.ToGuideId, out var to))
        {
            return Outcome<TransferCustomersResult>.Refused(UserErrorCode.NotFound, "There is no such guide to transfer to.", "toGuideId");
        }

        GuideAccess.EnsureCanManage(caller, to.StoreId, "transfer customers to a guide of another store");
        if (from.Id == to.Id)
        {
            return Outcome<TransferCustomersResult>.Refused(UserErrorCode.InvalidInput, "A guide cannot take over their own customers.", "toGuideId");
        }

        if (to.Status != GuideStatus.Active)
        {
            return Outcome<TransferCustomersResult>.Refused(UserErrorCode.GuideResigned, "The guide taking over has resigned.", "toGuideId");
        }

        var now = clock.GetUtcNow().UtcDateTime;
        var refusals = new List<TransferRefusal>();
        var candidates = await SelectCandidatesAsync(db, request, refusals, now, cancellationToken);
        var kind = from.Status == GuideStatus.Resigned ? CustomerTransferKind.Resigned : CustomerTransferKind.OnJob;
        var transfers = await StartAsync(db, caller, from, to, kind, candidates, request.Reason, refusals, now, cancellationToken);

        await AskWeComAsync(db, from, to, kind, transfers, cancellationToken);

        // Customers who are not WeCom contacts have nothing to wait for: their transfer completes now.
        foreach (var transfer in transfers.Where(t => t.ExternalUserId is null && t.Status == CustomerTransferStatus.Pending))
        {
            await completion.CompleteAsync(transfer.Id, caller, cancellationToken);
        }

        var ids = transfers.Select(t => t.Id).ToList();
        db.ChangeTracker.Clear();
        var final = await db.CustomerTransfers.AsNoTracking().Where(t => ids.Contains(t.Id)).OrderBy(t => t.Id).ToListAsync(cancellationToken);
        logger.LogInformation("Transfer from guide {From} to {To} ({Kind}): {Started} started, {Refused} refused", from.Id, to.Id, kind, final.Count, refusals.Count);
        return Outcome<TransferCustomersResult>.Ok(new TransferCustomersResult(final, refusals));
    }


    private async Task<List<long>> SelectCandidatesAsync(MemberGraphDb db, TransferCustomersRequest request, List<TransferRefusal> refusals, DateTime now, CancellationToken cancellationToken)
    {
        var customers = await db.GuideRelationships.AsNoTracking()
            .Where(r => r.GuideId == request.FromGuideId && r.EndedAt == null)
            .Select(r => r.MemberId).Distinct().OrderBy(id => id)
            .ToListAsync(cancellationToken);

        var wanted = customers;
        if (request.MemberIds is { } memberIds)
        {
            var own = customers.ToHashSet();
            wanted = [];
            foreach (var memberId in memberIds.Distinct())
            {
                if (own.Contains(memberId))
                {
                    wanted.Add(memberId);
                }
                else
                {
                    refusals.Add(new TransferRefusal(memberId, UserErrorCode.NotYourCustomer, "This member is not a customer of the guide transferring."));
                }
            }
        }

        var since = now - LimitWindow;
        var recent = await db.CustomerTransfers.AsNoTracking()
            .Where(t => wanted.Contains(t.MemberId) && t.Status != CustomerTransferStatus.Failed && t.RequestedAt > since)
            .GroupBy(t => t.MemberId)
            .Select(g => new { MemberId = g.Key, Count = g.Count(), Pending = g.Count(t => t.Status == CustomerTransferStatus.Pending) })
            .ToDictionaryAsync(x => x.MemberId, cancellationToken);

        var eligible = new List<long>();
        foreach (var memberId in wanted)
        {
            if (recent.TryGetValue(memberId, out var history) && history.Pending > 0)
            {
                refusals.Add(new TransferRefusal(memberId, UserErrorCode.TransferPending, "A transfer of this customer is already pending."));
            }
            else if (history is not null && history.Count >= LimitPerWindow)
            {
                refusals.Add(new TransferRefusal(memberId, UserErrorCode.TransferLimitReached,
                    $"This customer was already transferred {history.Count} times in the last {LimitWindow.TotalDays:0} days; WeCom allows {LimitPerWindow}."));
            }
            else
            {
                eligible.Add(memberId);
            }
        }

        return eligible;
    }

    /// <summary>Writes one pending transfer per customer; the one-pending-per-customer index settles concurrent requests.</summary>
    private async Task<List<CustomerTransfer>> StartAsync(MemberGraphDb db, Caller caller, Guide from, Guide to, CustomerTransferKind kind, List<long> memberIds,
        string reason, List<TransferRefusal> refusals, DateTime now, CancellationToken cancellationToken)
    {
        var externalIds = new Dictionary<long, string>();
        foreach (var chunk in memberIds.Chunk(500))
        {
            var rows = await db.Identities.AsNoTracking()
                .Where(i => i.Channel == IdentityChannel.WecomExternalUserid && chunk.Contains(i.MemberId))
                .OrderBy(i => i.Id)
                .Select(i => new { i.MemberId, i.ExternalId })
                .ToListAsync(cancellationToken);
            foreach (var row in rows)
            {
                externalIds.TryAdd(row.MemberId, row.ExternalId);
            }
        }

        var transfers = memberIds.Select(memberId => new CustomerTransfer
        {
            MemberId = memberId,
            FromGuideId = from.Id,
            ToGuideId = to.Id,
            Kind = kind,
            Status = CustomerTransferStatus.Pending,
            ExternalUserId = externalIds.GetValueOrDefault(memberId),
            Reason = reason.Length > 200 ? reason[..200] : reason,
            RequestedBy = caller.Subject.Length > 100 ? caller.Subject[..100] : caller.Subject,
            RequestedAt = now,
            DueAt = now + TakeoverDelay,
        }).ToList();

        try
        {
            db.CustomerTransfers.AddRange(transfers);
            AuditStarted(db, caller, transfers);
            await db.SaveChangesAsync(cancellationToken);
            return transfers;
        }
        catch (DbUpdateException ex) when (GuideRelationships.IsUniqueViolation(ex))
        {
            // A concurrent request started a transfer for some of these customers: find which, one by one.
            db.ChangeTracker.Clear();
        }

        var started = new List<CustomerTransfer>();
        foreach (var transfer in transfers)
        {
            transfer.Id = 0;
            try
            {
                db.CustomerTransfers.Add(transfer);
                AuditStarted(db, caller, [transfer]);
                await db.SaveChangesAsync(cancellationToken);
                started.Add(transfer);
            }
            catch (DbUpdateException ex) when (GuideRelationships.IsUniqueViolation(ex))
            {
                db.ChangeTracker.Clear();
                refusals.Add(new TransferRefusal(transfer.MemberId, UserErrorCode.TransferPending, "A transfer of this customer is already pending."));
            }
        }

        return started;
    }

    private void AuditStarted(MemberGraphDb db, Caller caller, IEnumerable<CustomerTransfer> transfers)
    {
        foreach (var transfer in transfers)
        {
            audit.Record(db, caller, "guide.transfer.requested", $"Member:{transfer.MemberId}",
                $"{transfer.Kind} from guide {transfer.FromGuideId} to {transfer.ToGuideId}: {transfer.Reason}");
        }
    }

    /// <summary>Asks WeCom to start the takeover, 100 customers per call; customers WeCom refuses fail at once.</summary>
    private async Task AskWeComAsync(MemberGraphDb db, Guide from, Guide to, CustomerTransferKind kind, List<CustomerTransfer> transfers, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        foreach (var batch in transfers.Where(t => t.ExternalUserId is not null).Chunk(WeComClient.MaxCustomersPerTransfer))
        {
            var request = new WeComTransferCustomerRequest
            {
                HandoverUserId = from.WeComUserId,
                TakeoverUserId = to.WeComUserId,
                ExternalUserId = batch.Select(t => t.ExternalUserId!).ToList(),
            };
            var result = await wecom.TransferCustomersAsync(request, kind == CustomerTransferKind.Resigned, cancellationToken);
            if (!result.Succeeded)
            {
                logger.LogWarning("WeCom transfer of {Count} customers from guide {From} to {To} failed: {Failure}", batch.Length, from.Id, to.Id, result.Failure);
                foreach (var transfer in batch)
                {
                    Fail(db, transfer, result.Failure!.ToString(), now);
                }
            }
            else
            {
                var refused = result.Value!.Customer.Where(c => c.ErrCode != 0).ToDictionary(c => c.ExternalUserId, c => c.ErrCode);
                foreach (var transfer in batch.Where(t => refused.ContainsKey(t.ExternalUserId!)))
                {
                    Fail(db, transfer, $"WeCom refused this customer (errcode {refused[transfer.ExternalUserId!]})", now);
                }
            }

            await db.SaveChangesAsync(cancellationToken);
        }
    }

    private void Fail(MemberGraphDb db, CustomerTransfer transfer, string reason, DateTime now)
    {
        transfer.Fail(reason, now);
        audit.Record(db, WeComContactEventHandler.WeComActor, "guide.transfer.failed", $"Member:{transfer.MemberId}", $"transfer {transfer.Id}: {transfer.FailReason}");
    }
}

using MemberGraph.Audit;
using MemberGraph.Auth;
using MemberGraph.Data;
using Microsoft.EntityFrameworkCore;

namespace MemberGraph.Members;

/// <summary>OneID: resolves channel identities to one member, merging members when identities disagree.</summary>
public sealed class OneIdService(IDbContextFactory<MemberGraphDb> factory, AuditLog audit, TimeProvider clock, ILogger<OneIdService> logger)
{
    private const int Attempts = 3;

    /// <summary>
    /// Finds the member behind any of <paramref name="identities"/> or creates one, and links the identities that
    /// are not linked yet. When the identities point at several members, the oldest is used (merging them is the
    /// full OneID's job). Safe under concurrent calls: the unique (channel, external id) index decides, and the loser retries.
    /// </summary>
    public async Task<long> ResolveMemberAsync(IReadOnlyList<(IdentityChannel Channel, string ExternalId)> identities, string reason, Caller actor, CancellationToken ct)
    {
        if (identities.Count == 0)
        {
            throw new ArgumentException("At least one identity is needed to resolve a member.", nameof(identities));
        }

        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await ResolveOnceAsync(identities, reason, actor, ct);
            }
            catch (DbUpdateException ex) when (attempt < Attempts)
            {
                logger.LogInformation(ex, "OneID resolution raced with another writer ({Reason}); retrying", reason);
            }
        }
    }

    private async Task<long> ResolveOnceAsync(IReadOnlyList<(IdentityChannel Channel, string ExternalId)> identities, string reason, Caller actor, CancellationToken ct)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var externalIds = identities.Select(i => i.ExternalId).Distinct().ToList();
        var candidates = await db.Identities.Where(i => externalIds.Contains(i.ExternalId)).ToListAsync(ct);
        var linked = candidates.Where(c => identities.Contains((c.Channel, c.ExternalId))).ToList();
        var now = clock.GetUtcNow().UtcDateTime;

        Member member;
        if (linked.Count == 0)
        {
            member = new Member { CreatedAt = now, TouchedAt = now };
            db.Members.Add(member);
        }
        else
        {
            var memberIds = linked.Select(i => i.MemberId).Distinct().ToList();
            member = await db.Members.Where(m => memberIds.Contains(m.Id))
                .OrderBy(m => m.CreatedAt).ThenBy(m => m.Id)
                .FirstAsync(ct);
        }

        var added = identities.Distinct()
            .Where(wanted => !linked.Any(i => i.Channel == wanted.Channel && i.ExternalId == wanted.ExternalId))
            .ToList();
        if (added.Count == 0)
        {
            return member.Id;
        }

        member.TouchedAt = now;
        foreach (var (channel, externalId) in added)
        {
            member.Identities.Add(new Identity { Channel = channel, ExternalId = externalId, LinkedAt = now });
        }

        // The audit line needs the new member's key, so the two writes share one transaction.
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        await db.SaveChangesAsync(ct);
        audit.Record(db, actor, linked.Count == 0 ? "oneid.create" : "oneid.link", $"Member:{member.Id}",
            $"{reason}: {string.Join(", ", added.Select(i => i.Channel))}");
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        return member.Id;
    }
}

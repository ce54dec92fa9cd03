using MemberGraph.Auth;
using MemberGraph.Data;
using Microsoft.EntityFrameworkCore;

namespace MemberGraph.Members;

/// <summary>OneID: resolves channel identities to one member, merging members when identities disagree.</summary>
/// <remarks>
/// Minimal version of the loyalty branch: find-or-create by identities; when they point at two members the oldest
/// is used (no merge yet). The OneID branch's implementation, with real merges, replaces this class.
/// </remarks>
public sealed class OneIdService(IDbContextFactory<MemberGraphDb> factory, TimeProvider clock)
{
    private const int Attempts = 3;

    /// <summary>The member the identities belong to, creating it (and linking unknown identities) when needed.</summary>
    public async Task<long> ResolveMemberAsync(IReadOnlyList<(IdentityChannel Channel, string ExternalId)> identities, string reason, Caller actor, CancellationToken ct)
    {
        if (identities.Count == 0)
        {
            throw new ArgumentException("At least one identity is needed.", nameof(identities));
        }

        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await ResolveOnceAsync(identities, ct);
            }
            catch (DbUpdateException ex) when (attempt < Attempts && ex.IsUniqueViolation())
            {
                // A parallel request linked one of these identities first: resolve again, it is known now.
            }
        }
    }

    private async Task<long> ResolveOnceAsync(IReadOnlyList<(IdentityChannel Channel, string ExternalId)> identities, CancellationToken ct)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var wanted = identities.Distinct().ToList();
        var channels = wanted.Select(i => i.Channel).Distinct().ToList();
        var externalIds = wanted.Select(i => i.ExternalId).Distinct().ToList();
        var known = (await db.Identities.AsNoTracking()
                .Where(i => channels.Contains(i.Channel) && externalIds.Contains(i.ExternalId))
                .Select(i => new { i.Channel, i.ExternalId, i.MemberId })
                .ToListAsync(ct))
            .Where(i => wanted.Contains((i.Channel, i.ExternalId)))
            .ToList();

        var now = clock.GetUtcNow().UtcDateTime;
        Member? member = null;
        if (known.Count > 0)
        {
            var ids = known.Select(i => i.MemberId).Distinct().ToList();
            var candidates = await db.Members.Where(m => ids.Contains(m.Id)).ToListAsync(ct);
            var survivorIds = candidates.Select(m => m.MergedIntoId ?? m.Id).Distinct().ToList();
            member = await db.Members.Where(m => survivorIds.Contains(m.Id)).OrderBy(m => m.CreatedAt).ThenBy(m => m.Id).FirstAsync(ct);
        }

        if (member is null)
        {
            var phone = wanted.FirstOrDefault(i => i.Channel == IdentityChannel.Phone).ExternalId;
            member = new Member
            {
                DisplayName = "会员",
                Phone = phone,
                CreatedAt = now,
                RegisteredAt = phone is null ? null : now,
                TouchedAt = now,
            };
            db.Members.Add(member);
        }

        foreach (var (channel, externalId) in wanted.Where(w => !known.Any(k => k.Channel == w.Channel && k.ExternalId == w.ExternalId)))
        {
            member.Identities.Add(new Identity { Channel = channel, ExternalId = externalId, LinkedAt = now });
        }

        await db.SaveChangesAsync(ct);
        return member.Id;
    }
}

using MemberGraph.Audit;
using MemberGraph.Auth;
using MemberGraph.Data;
using MemberGraph.Domain;
using Microsoft.EntityFrameworkCore;

namespace MemberGraph.Members;

/// <summary>
/// OneID: resolves channel identities to one member. No member behind them creates one; one member gets the
/// missing identities linked; several members are merged into the oldest (see <see cref="MemberMerger"/>).
/// Tombstones are followed to their final survivor. Everything happens in one transaction; when a parallel
/// resolution inserted the same identity first (unique (channel, external id) violation) it is resolved once more.
/// </summary>
public sealed class OneIdService(
    IDbContextFactory<MemberGraphDb> factory,
    MemberMerger merger,
    AuditLog audit,
    DomainEventDispatcher events,
    TimeProvider clock,
    ILogger<OneIdService> logger)
{
    /// <summary>Resolutions of one request at most: a lost unique-key race or deadlock with a parallel one is resolved again.</summary>
    private const int Attempts = 3;

    // The identities with the members they point at, in one statement: every order of a returning buyer looks them up (and reads
    // nothing else of OneID), so the read skips EF's LINQ pipeline (see SqlRead). An identity is unique by channel and external id,
    // and that index leads with the channel: a read by external ids alone scanned the whole table. Both lists hold the keys' values
    // side by side; their cross product can match a key that was not asked for (one key's channel with another's id), so the rows
    // are filtered by the keys afterwards.
    internal static readonly SqlRead<(Identity Identity, Member Member)> IdentitiesWithMembersByKey = new(_ => """
        SELECT i.*, m.* FROM "Identities" AS i JOIN "Members" AS m ON m."Id" = i."MemberId"
        WHERE i."Channel" IN (@channels) AND i."ExternalId" IN (@externalIds)
        """,
        row => (row.Entity<Identity>(), row.Entity<Member>(from: row.After<Identity>())),
        SqlArg.ListLike<Identity>("channels", nameof(Identity.Channel)), SqlArg.ListOf<string>("externalIds"));

    /// <summary>The values of the keys for <see cref="IdentitiesWithMembersByKey"/>: channels and ids side by side.</summary>
    internal static object?[] KeyValues(IReadOnlyList<IdentityKey> keys) =>
        [keys.Select(k => k.Channel).ToList(), keys.Select(k => k.ExternalId).ToList()];

    public async Task<Resolution> ResolveAsync(ResolveRequest request, Caller actor, CancellationToken cancellationToken)
    {
        if (request.Identities.Count == 0 && request.KnownMemberId is null)
        {
            throw new ArgumentException("Nothing to resolve: no identity and no known member.", nameof(request));
        }

        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await ResolveOnceAsync(request, actor, cancellationToken);
            }
            catch (Exception ex) when (attempt < Attempts && (ex is DbUpdateException || ex.IsTransientConflict()))
            {
                // Most likely a parallel resolution linked one of these identities first (a unique key), or the server picked this
                // one as the loser of a deadlock between two such (PostgreSQL 40P01, which EF raises as a transient failure): now
                // we find what the other one wrote.
                logger.LogInformation("OneID resolution of {Identities} collided with a parallel one ({Error}); resolving again",
                    string.Join(", ", request.Identities), ex.InnerException?.GetType().Name ?? ex.GetType().Name);
            }
        }
    }

    /// <summary>
    /// Resolves the identities an order or a WeCom contact carries, with the member the caller already named
    /// (<paramref name="knownMemberId"/>, followed to its survivor) when there is one, to the surviving member's id.
    /// </summary>
    public async Task<long> ResolveMemberAsync(IReadOnlyList<(IdentityChannel Channel, string ExternalId)> identities, string reason, Caller actor,
        CancellationToken cancellationToken, string? newMemberName = null, long? knownMemberId = null, MemberGraphDb? reads = null)
    {
        var request = new ResolveRequest(identities.Select(i => new IdentityKey(i.Channel, i.ExternalId)).ToList(), reason) { KnownMemberId = knownMemberId };
        if (await AlreadyOneMemberAsync(request, reads, cancellationToken) is { } returning)
        {
            return returning;
        }

        if (!string.IsNullOrWhiteSpace(newMemberName))
        {
            request = request with { NewMemberName = newMemberName.Length > 100 ? newMemberName[..100] : newMemberName };
        }

        return (await ResolveAsync(request, actor, cancellationToken)).Member.Id;
    }

    /// <summary>Merges the given members (after following their tombstones) into <paramref name="survivorId"/> or the oldest of them.</summary>
    public async Task<Outcome<Resolution>> MergeAsync(IReadOnlyCollection<long> memberIds, long? survivorId, string reason, Caller actor, CancellationToken cancellationToken)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);

        var ids = memberIds.Concat(survivorId is { } s ? [s] : []).Distinct().ToList();
        var known = await db.Members.Where(m => ids.Contains(m.Id)).Select(m => m.Id).ToListAsync(cancellationToken);
        if (known.Count != ids.Count)
        {
            return Outcome<Resolution>.Refused(UserErrorCode.NotFound, $"No member with id {ids.Except(known).First()}.", "memberIds");
        }

        var members = await MemberChain.FinalMembersAsync(db, ids, cancellationToken);
        if (members.Any(m => m.Status != MemberStatus.Active))
        {
            return Outcome<Resolution>.Refused(UserErrorCode.InvalidInput, "Erased members cannot be merged.", "memberIds");
        }

        var survivor = survivorId is { } chosen
            ? (await MemberChain.FinalMemberAsync(db, chosen, cancellationToken))!
            : members.OldestFirst().First();
        var merges = new List<MemberMerge>();
        foreach (var member in members.Where(m => m.Id != survivor.Id).OldestFirst())
        {
            merges.Add(await merger.MergeAsync(db, survivor, member, reason, actor, cancellationToken));
        }

        await transaction.CommitAsync(cancellationToken);
        return Outcome<Resolution>.Ok(new Resolution(survivor, Created: false, [], merges));
    }

    /// <summary>The member that finally stands for <paramref name="memberId"/> (itself unless merged), or null when unknown.</summary>
    public async Task<Member?> CurrentMemberAsync(long memberId, CancellationToken cancellationToken)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        return await MemberChain.FinalMemberAsync(db, memberId, cancellationToken);
    }

    private async Task<Resolution> ResolveOnceAsync(ResolveRequest request, Caller actor, CancellationToken cancellationToken)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        await using var work = await events.BeginAsync(db, cancellationToken);

        var keys = request.Identities.Distinct().ToList();
        var found = await FindIdentitiesWithMembersAsync(db, keys, cancellationToken);
        // Erased members (PIPL) are anonymous records now: nobody resolves to them again.
        var members = (await MemberChain.FinalMembersAsync(db, found.Select(f => f.Member), request.KnownMemberId is { } k ? [k] : [], cancellationToken))
            .Where(m => m.Status == MemberStatus.Active).ToList();

        var now = clock.GetUtcNow().UtcDateTime;
        var created = members.Count == 0;
        var survivor = created
            ? db.Members.Add(new Member { DisplayName = request.NewMemberName, CreatedAt = now, TouchedAt = now }).Entity
            : members.OldestFirst().First();

        var merges = new List<MemberMerge>();
        foreach (var member in members.Where(m => m.Id != survivor.Id).OldestFirst())
        {
            merges.Add(await merger.MergeAsync(db, survivor, member, request.Reason, actor, cancellationToken));
        }

        // In one order whatever order the caller listed them in, so parallel resolutions of the same identities take their unique
        // keys in the same order: the later one waits and then finds the key taken, rather than each holding one the other needs.
        var linked = keys.Except(found.Select(f => IdentityKey.Of(f.Identity))).OrderBy(k => k.Channel).ThenBy(k => k.ExternalId, StringComparer.Ordinal).ToList();
        foreach (var key in linked)
        {
            db.Identities.Add(new Identity { Member = survivor, Channel = key.Channel, ExternalId = key.ExternalId, LinkedAt = now });
        }

        request.Update?.Invoke(survivor);
        if (merges.Count == 0 && !db.ChangeTracker.HasChanges())
        {
            // Nothing new about this person: no write, no audit line, no re-evaluation of rules.
            return new Resolution(survivor, created, linked, merges);
        }

        survivor.TouchedAt = now;
        await db.SaveChangesAsync(cancellationToken);
        if (created)
        {
            audit.Record(db, actor, "createMember", MemberMerger.Target(survivor.Id), $"{request.Reason}: created with {Describe(linked)}");
            work.Raise(new MemberRegistered(survivor.Id, request.Reason, now));
        }
        else if (linked.Count > 0)
        {
            audit.Record(db, actor, "linkIdentities", MemberMerger.Target(survivor.Id), $"{request.Reason}: linked {Describe(linked)}");
        }

        await work.CommitAsync(cancellationToken);
        return new Resolution(survivor, created, linked, merges);
    }

    /// <summary>
    /// A returning buyer, read without a write transaction: every identity is known and they (with the member the caller
    /// named) end at one active member, so there is nothing to link, merge or create and nothing to lock. Null when the
    /// resolution has work to do, which <see cref="ResolveAsync"/> then does in its transaction. (A merge committing between
    /// this read and the caller's write is the same race the transaction had: it ends when it commits, before the caller writes.)
    /// </summary>
    /// <remarks><paramref name="reads"/>: a caller's context with its connection open (an order's checks), so the look-up opens none of its own.</remarks>
    private async Task<long?> AlreadyOneMemberAsync(ResolveRequest request, MemberGraphDb? reads, CancellationToken cancellationToken)
    {
        var keys = request.Identities.Distinct().ToList();
        await using var own = reads is null ? await factory.CreateDbContextAsync(cancellationToken) : null;
        var db = reads ?? own!;
        var found = await FindIdentitiesWithMembersAsync(db, keys, cancellationToken);
        if (found.Count != keys.Count || (keys.Count == 0 && request.KnownMemberId is null))
        {
            return null;
        }

        var members = await MemberChain.FinalMembersAsync(db, found.Select(f => f.Member), request.KnownMemberId is { } k ? [k] : [], cancellationToken);
        return members is [{ Status: MemberStatus.Active } member] ? member.Id : null;
    }

    /// <summary>The identities among <paramref name="keys"/> that exist, each with the member it points at, in one read.</summary>
    private static async Task<List<(Identity Identity, Member Member)>> FindIdentitiesWithMembersAsync(MemberGraphDb db, List<IdentityKey> keys,
        CancellationToken cancellationToken)
    {
        if (keys.Count == 0)
        {
            return [];
        }

        var found = await IdentitiesWithMembersByKey.ListAsync(db, KeyValues(keys), cancellationToken);
        return found.Where(f => keys.Contains(IdentityKey.Of(f.Identity))).ToList();
    }

    private static string Describe(IEnumerable<IdentityKey> keys) => string.Join(", ", keys);
}

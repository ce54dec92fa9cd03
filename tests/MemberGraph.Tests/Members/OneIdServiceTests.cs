using MemberGraph.Auth;
using MemberGraph.Members;
using MemberGraph.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace MemberGraph.Tests.Members;

/// <summary>
/// OneID resolution against the gateway's real SQLite file, through the service the mutations use. One gateway for the
/// class: every test resolves identities of its own (a new Guid each).
/// </summary>
public sealed class OneIdServiceTests(GatewayFixture fixture) : IClassFixture<GatewayFixture>
{
    private static readonly Caller Operator = new("ops-1", Roles.Admin, null, null, null, null, new HashSet<string>());

    private readonly GatewayHost _gateway = fixture.Gateway;
    private readonly OneIdService _oneId = fixture.Gateway.Service<OneIdService>();
    private readonly TestData _data = new(fixture.Gateway);

    private static IdentityKey Key(IdentityChannel channel) => new(channel, $"{channel}-{Guid.NewGuid():N}");

    private Task<Resolution> ResolveAsync(params IdentityKey[] keys) =>
        _oneId.ResolveAsync(new ResolveRequest(keys, "test order"), Operator, CancellationToken.None);

    [Fact]
    public async Task Unknown_identities_create_a_member_carrying_all_of_them()
    {
        // given
        var keys = new[] { Key(IdentityChannel.TmallOuid), Key(IdentityChannel.Phone) };

        // when
        var resolution = await ResolveAsync(keys);

        // then
        Assert.True(resolution.Created);
        Assert.Empty(resolution.Merges);
        await using var db = _gateway.Db();
        var stored = await db.Identities.Where(i => i.MemberId == resolution.Member.Id).ToListAsync();
        Assert.Equal(keys.OrderBy(k => k.ExternalId), stored.Select(IdentityKey.Of).OrderBy(k => k.ExternalId));
        Assert.True(await db.AuditEntries.AnyAsync(a => a.Operation == "createMember" && a.Target == $"Member:{resolution.Member.Id}" && a.Subject == "ops-1"));
    }

    [Fact]
    public async Task Identities_of_one_member_link_the_missing_ones_to_it()
    {
        // given
        var known = Key(IdentityChannel.JdPin);
        var member = await _data.MemberAsync(null, null, (known.Channel, known.ExternalId));
        var fresh = Key(IdentityChannel.PosCard);

        // when
        var resolution = await ResolveAsync(known, fresh);

        // then
        Assert.False(resolution.Created);
        Assert.Equal(member.Id, resolution.Member.Id);
        Assert.Equal([fresh], resolution.Linked);
        await using var db = _gateway.Db();
        Assert.Equal(member.Id, (await db.Identities.SingleAsync(i => i.ExternalId == fresh.ExternalId)).MemberId);
    }

    [Fact]
    public async Task Identities_of_three_members_merge_them_into_the_oldest_in_one_resolution()
    {
        // given
        var (a, b, c) = (Key(IdentityChannel.WechatUnionid), Key(IdentityChannel.Phone), Key(IdentityChannel.TmallOuid));
        var now = DateTime.UtcNow;
        var middle = await _data.MemberAsync(null, now.AddDays(-2), (b.Channel, b.ExternalId));
        var youngest = await _data.MemberAsync(null, now.AddDays(-1), (c.Channel, c.ExternalId));
        var oldest = await _data.MemberAsync(null, now.AddDays(-3), (a.Channel, a.ExternalId));
        var fresh = Key(IdentityChannel.AlipayUserId);

        // when
        var resolution = await ResolveAsync(c, b, a, fresh);

        // then
        Assert.Equal(oldest.Id, resolution.Member.Id);
        Assert.Equal(2, resolution.Merges.Count);
        await using var db = _gateway.Db();
        foreach (var merged in new[] { middle, youngest })
        {
            var tombstone = await db.Members.SingleAsync(m => m.Id == merged.Id);
            Assert.Equal(MemberStatus.Merged, tombstone.Status);
            Assert.Equal(oldest.Id, tombstone.MergedIntoId);
            Assert.Equal(merged.DisplayName, tombstone.DisplayName);
            var record = await db.MemberMerges.SingleAsync(m => m.MergedId == merged.Id);
            Assert.Equal(oldest.Id, record.SurvivorId);
            Assert.Equal("test order", record.Reason);
            Assert.Equal("admin:ops-1", record.MergedBy);
        }

        var keys = new[] { a, b, c, fresh }.Select(k => k.ExternalId).ToList();
        Assert.Equal(4, await db.Identities.CountAsync(i => i.MemberId == oldest.Id && keys.Contains(i.ExternalId)));
        Assert.Equal(2, await db.AuditEntries.CountAsync(a => a.Operation == "mergeMembers" && a.Target == $"Member:{oldest.Id}"));
    }

    [Fact]
    public async Task Resolving_or_merging_members_that_are_already_one_is_a_no_op()
    {
        // given
        var (a, b) = (Key(IdentityChannel.Phone), Key(IdentityChannel.WechatOpenid));
        var older = await _data.MemberAsync(null, DateTime.UtcNow.AddDays(-5), (a.Channel, a.ExternalId));
        var younger = await _data.MemberAsync(null, DateTime.UtcNow.AddDays(-1), (b.Channel, b.ExternalId));
        await ResolveAsync(a, b);
        await using var before = _gateway.Db();
        var audits = await before.AuditEntries.CountAsync();

        // when
        var again = await ResolveAsync(a, b);
        var merged = await _oneId.MergeAsync([younger.Id, older.Id], null, "again", Operator, CancellationToken.None);

        // then
        Assert.Equal(older.Id, again.Member.Id);
        Assert.Empty(again.Merges);
        Assert.Equal(older.Id, merged.Value!.Member.Id);
        Assert.Empty(merged.Value.Merges);
        await using var db = _gateway.Db();
        Assert.Equal(1, await db.MemberMerges.CountAsync(m => m.MergedId == younger.Id));
        Assert.Equal(audits, await db.AuditEntries.CountAsync());
    }

    [Fact]
    public async Task A_tombstone_resolves_to_the_final_survivor_of_a_merge_chain()
    {
        // given: first merged into second, then second merged into an even older third
        var now = DateTime.UtcNow;
        var first = await _data.MemberAsync(null, now.AddDays(-1), (IdentityChannel.PosCard, $"pos-{Guid.NewGuid():N}"));
        var second = await _data.MemberAsync(null, now.AddDays(-2));
        var third = await _data.MemberAsync(null, now.AddDays(-3));
        await _oneId.MergeAsync([first.Id, second.Id], null, "step 1", Operator, CancellationToken.None);
        await _oneId.MergeAsync([second.Id, third.Id], null, "step 2", Operator, CancellationToken.None);

        // an identity still pointing at a tombstone (as rows written before a merge can)
        var stale = Key(IdentityChannel.TmallOuid);
        await using (var db = _gateway.Db())
        {
            db.Identities.Add(new Identity { MemberId = first.Id, Channel = stale.Channel, ExternalId = stale.ExternalId, LinkedAt = now });
            await db.SaveChangesAsync();
        }

        // when
        var byKnownMember = await _oneId.ResolveAsync(new ResolveRequest([], "sign-in") { KnownMemberId = first.Id }, Operator, CancellationToken.None);
        var byStaleIdentity = await ResolveAsync(stale);
        var me = await _gateway.GraphQLAsync("{ me { id } }", token: _data.MemberToken(first.Id));

        // then
        Assert.Equal(third.Id, byKnownMember.Member.Id);
        Assert.Equal(third.Id, byStaleIdentity.Member.Id);
        Assert.Empty(byStaleIdentity.Merges);
        Assert.Equal(third.Id, SignInSteps.MemberKey(me.OkData()["me"]!));
    }

    [Fact]
    public async Task Merging_keeps_the_survivors_exclusive_guide_and_ends_the_other_one()
    {
        // given
        var store = await _data.StoreAsync();
        var (keptGuide, endedGuide) = (await _data.GuideAsync(store.Id), await _data.GuideAsync(store.Id));
        var (a, b) = (Key(IdentityChannel.Phone), Key(IdentityChannel.WechatOpenid));
        var older = await _data.MemberAsync(null, DateTime.UtcNow.AddDays(-5), (a.Channel, a.ExternalId));
        var younger = await _data.MemberAsync(null, DateTime.UtcNow.AddDays(-1), (b.Channel, b.ExternalId));
        await _data.RelationshipAsync(older.Id, keptGuide.Id);
        var ended = await _data.RelationshipAsync(younger.Id, endedGuide.Id);

        // when
        await ResolveAsync(a, b);

        // then
        await using var db = _gateway.Db();
        var open = await db.GuideRelationships.SingleAsync(r => r.MemberId == older.Id && r.Kind == global::MemberGraph.Guides.GuideRelationshipKind.Exclusive && r.EndedAt == null);
        Assert.Equal(keptGuide.Id, open.GuideId);
        var history = await db.GuideRelationships.SingleAsync(r => r.Id == ended.Id);
        Assert.Equal(older.Id, history.MemberId);
        Assert.Equal("merged", history.EndReason);
        Assert.NotNull(history.EndedAt);
    }

    [Fact]
    public async Task A_resolution_that_collides_with_a_parallel_one_is_resolved_once_more_and_only_once()
    {
        // given: the first attempt fails the way a lost race on the unique (channel, external id) index does
        var key = Key(IdentityChannel.WechatOpenid);
        var attempts = 0;
        var collidingOnce = new ResolveRequest([key], "race") { Update = _ => { if (++attempts == 1) { throw new DbUpdateException("UNIQUE constraint failed"); } } };
        var alwaysColliding = new ResolveRequest([Key(IdentityChannel.WechatOpenid)], "race") { Update = _ => throw new DbUpdateException("UNIQUE constraint failed") };

        // when
        var resolution = await _oneId.ResolveAsync(collidingOnce, Operator, CancellationToken.None);
        var failure = await Record.ExceptionAsync(() => _oneId.ResolveAsync(alwaysColliding, Operator, CancellationToken.None));

        // then
        Assert.Equal(2, attempts);
        Assert.True(resolution.Created);
        Assert.IsType<DbUpdateException>(failure);
        await using var db = _gateway.Db();
        Assert.Equal(resolution.Member.Id, (await db.Identities.SingleAsync(i => i.ExternalId == key.ExternalId)).MemberId);
    }
}

using System.Collections.Concurrent;
using MemberGraph.Data;
using MemberGraph.Domain;
using MemberGraph.Guides;
using MemberGraph.Members;
using MemberGraph.Realtime;
using MemberGraph.Tencent.WeCom;
using MemberGraph.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace MemberGraph.Tests.Guides;

/// <summary>
/// WeCom customer-contact events, encrypted and POSTed to /wecom/callback like WeCom does, against the WeCom stub. Binding,
/// replays and parallel deliveries run on SQLite and on PostgreSQL (where writers run side by side); how the callback copes
/// with a failing or slow WeCom API does not depend on the database and is in <see cref="WeComContactLookupTests"/>.
/// </summary>
public abstract class WeComContactEventTests(DatabaseKind database) : IAsyncLifetime
{
    public sealed class OnSqlite() : WeComContactEventTests(DatabaseKind.Sqlite);

    public sealed class OnPostgres() : WeComContactEventTests(DatabaseKind.Postgres);

    private WeComTestHost _host = null!;

    public async Task InitializeAsync() => _host = await WeComTestHost.StartAsync(database: database);

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task Adding_a_guide_binds_the_customer_to_the_guide_of_the_state_and_links_the_unionid_to_the_mini_program_member()
    {
        // given: a member who signed in on the mini-program (unionid), and a guide whose code is the contact-way state
        var store = await _host.Data.StoreAsync();
        var guide = await _host.Data.GuideAsync(store.Id);
        var addedBy = await _host.Data.GuideAsync(store.Id);
        var miniProgramMember = await _host.Data.MemberAsync("13800001111", DateTime.UtcNow.AddDays(-30),
            (IdentityChannel.WechatOpenid, "oOpen0001"), (IdentityChannel.WechatUnionid, "uUnion0001"));
        var external = WeComTestHost.ExternalUserId();
        _host.Stub.UnionIds[external] = "uUnion0001";
        var bound = new ConcurrentQueue<IntegrationEvent>();
        using var subscription = _host.Gateway.Service<IEventBus>().Subscribe($"guide:{guide.Id}").Subscribe(new Collect(bound));

        // when: the customer scans the guide's QR code (state = guide code); WeCom reports the corp member who added them
        await _host.AddContactAsync(addedBy.WeComUserId, external, state: guide.GuideCode);

        // then: the same member (not a new one) now has the WeCom identity and an exclusive relationship with that guide
        await using var db = _host.Gateway.Db();
        Assert.Equal(1, await db.Members.CountAsync());
        var identities = await db.Identities.Where(i => i.MemberId == miniProgramMember.Id).Select(i => i.Channel).ToListAsync();
        Assert.Contains(IdentityChannel.WecomExternalUserid, identities);
        var relationship = Assert.Single(await db.GuideRelationships.ToListAsync());
        Assert.Equal((miniProgramMember.Id, guide.Id), (relationship.MemberId, relationship.GuideId));
        Assert.Equal(GuideRelationshipKind.Exclusive, relationship.Kind);
        Assert.Equal(RelationshipSource.WeComAddContact, relationship.Source);
        Assert.Equal(guide.GuideCode, relationship.SourceDetail);
        Assert.True((await db.Members.SingleAsync()).AddedGuideOnWeCom);
        Assert.Contains(await db.AuditEntries.ToListAsync(), a => a.Operation == "guide.bind" && a.Target == $"Member:{miniProgramMember.Id}");
        var customerBound = Assert.IsType<CustomerBound>(Assert.Single(bound));
        Assert.Equal((miniProgramMember.Id, relationship.Id), (customerBound.MemberId, customerBound.RelationshipId));
        Assert.Equal(1, _host.Stub.Calls("externalcontact/get"));
    }

    [Fact]
    public async Task A_new_customer_without_unionid_becomes_a_member_with_the_external_user_id_and_the_wecom_name()
    {
        var guide = await _host.Data.GuideAsync((await _host.Data.StoreAsync()).Id);
        var external = WeComTestHost.ExternalUserId();

        await _host.AddContactAsync(guide.WeComUserId, external, state: null);

        await using var db = _host.Gateway.Db();
        var member = await db.Members.Include(m => m.Identities).SingleAsync();
        var identity = Assert.Single(member.Identities);
        Assert.Equal((IdentityChannel.WecomExternalUserid, external), (identity.Channel, identity.ExternalId));
        Assert.Equal($"客户{external[^4..]}", member.DisplayName);
        var relationship = await db.GuideRelationships.SingleAsync();
        Assert.Equal(guide.Id, relationship.GuideId);
        Assert.Null(relationship.SourceDetail);
    }

    [Fact]
    public async Task A_replayed_event_changes_nothing_even_when_the_replays_arrive_in_parallel()
    {
        // given
        var guide = await _host.Data.GuideAsync((await _host.Data.StoreAsync()).Id);
        var external = WeComTestHost.ExternalUserId();
        var xml = WeComTestHost.ContactEventXml(WeComContactEvent.AddExternalContact, guide.WeComUserId, external, WeComTestHost.NextCreateTime(), guide.GuideCode);
        using (var first = await _host.PostEventAsync(xml))
        {
            Assert.Equal(200, (int)first.StatusCode);
        }

        // when: WeCom redelivers the same event, several times at once
        var replays = await Task.WhenAll(Enumerable.Range(0, 6).Select(_ => _host.PostEventAsync(xml)));

        // then
        Assert.All(replays, r => Assert.Equal(200, (int)r.StatusCode));
        await using var db = _host.Gateway.Db();
        Assert.Equal(1, await db.Members.CountAsync());
        Assert.Equal(1, await db.Identities.CountAsync());
        Assert.Equal(1, await db.GuideRelationships.CountAsync());
        Assert.Equal(1, await db.WeComCallbackEvents.CountAsync());
        Assert.Equal(1, await db.AuditEntries.CountAsync(a => a.Operation == "guide.bind"));
    }

    [Fact]
    public async Task Parallel_first_deliveries_of_the_same_event_bind_once()
    {
        var guide = await _host.Data.GuideAsync((await _host.Data.StoreAsync()).Id);
        var xml = WeComTestHost.ContactEventXml(WeComContactEvent.AddExternalContact, guide.WeComUserId, WeComTestHost.ExternalUserId(), WeComTestHost.NextCreateTime(), guide.GuideCode);

        var deliveries = await Task.WhenAll(Enumerable.Range(0, 5).Select(_ => _host.PostEventAsync(xml)));

        Assert.All(deliveries, r => Assert.Equal(200, (int)r.StatusCode));
        await using var db = _host.Gateway.Db();
        Assert.Equal(1, await db.Members.CountAsync());
        Assert.Equal(1, await db.GuideRelationships.CountAsync());
        Assert.Equal(1, await db.WeComCallbackEvents.CountAsync());
    }

    [Fact]
    public async Task A_second_guide_added_by_the_same_customer_is_a_follow()
    {
        var store = await _host.Data.StoreAsync();
        var first = await _host.Data.GuideAsync(store.Id);
        var second = await _host.Data.GuideAsync(store.Id);
        var external = WeComTestHost.ExternalUserId();

        await _host.AddContactAsync(first.WeComUserId, external, first.GuideCode);
        await _host.AddContactAsync(second.WeComUserId, external, second.GuideCode);

        await using var db = _host.Gateway.Db();
        var relationships = await db.GuideRelationships.OrderBy(r => r.Id).ToListAsync();
        Assert.Equal([(first.Id, GuideRelationshipKind.Exclusive), (second.Id, GuideRelationshipKind.Follow)], relationships.Select(r => (r.GuideId, r.Kind)));
        Assert.Single(relationships.Select(r => r.MemberId).Distinct());
    }

    [Fact]
    public async Task The_customer_deleting_the_guide_ends_the_relationship_and_keeps_it_as_history()
    {
        // given
        var guide = await _host.Data.GuideAsync((await _host.Data.StoreAsync()).Id);
        var external = WeComTestHost.ExternalUserId();
        await _host.AddContactAsync(guide.WeComUserId, external, guide.GuideCode);

        // when
        using var response = await _host.PostEventAsync(WeComTestHost.ContactEventXml(WeComContactEvent.DelFollowUser, guide.WeComUserId, external, WeComTestHost.NextCreateTime()));

        // then
        Assert.Equal(200, (int)response.StatusCode);
        await using var db = _host.Gateway.Db();
        var relationship = await db.GuideRelationships.SingleAsync();
        Assert.NotNull(relationship.EndedAt);
        Assert.Equal(GuideRelationships.CustomerDeletedGuide, relationship.EndReason);
        Assert.False((await db.Members.SingleAsync()).AddedGuideOnWeCom);
        Assert.Contains(await db.AuditEntries.ToListAsync(), a => a.Operation == "guide.unbind");
    }

    [Fact]
    public async Task The_guide_deleting_the_customer_ends_the_relationship_but_a_deletion_by_transfer_does_not()
    {
        var store = await _host.Data.StoreAsync();
        var guide = await _host.Data.GuideAsync(store.Id);
        var other = await _host.Data.GuideAsync(store.Id);
        var (external, transferred) = (WeComTestHost.ExternalUserId(), WeComTestHost.ExternalUserId());
        await _host.AddContactAsync(guide.WeComUserId, external, guide.GuideCode);
        await _host.AddContactAsync(other.WeComUserId, transferred, other.GuideCode);

        using var deleted = await _host.PostEventAsync(WeComTestHost.ContactEventXml(WeComContactEvent.DelExternalContact, guide.WeComUserId, external, WeComTestHost.NextCreateTime()));
        using var byTransfer = await _host.PostEventAsync(WeComTestHost.ContactEventXml(WeComContactEvent.DelExternalContact, other.WeComUserId, transferred, WeComTestHost.NextCreateTime(),
            source: WeComContactEvent.DeleteByTransfer));

        await using var db = _host.Gateway.Db();
        var relationships = await db.GuideRelationships.ToDictionaryAsync(r => r.GuideId);
        Assert.Equal(GuideRelationships.GuideDeletedCustomer, relationships[guide.Id].EndReason);
        Assert.Null(relationships[other.Id].EndedAt);
    }

    [Fact]
    public async Task Events_for_unknown_guides_are_recorded_and_bind_nobody()
    {
        await _host.AddContactAsync("not-a-guide", WeComTestHost.ExternalUserId(), state: "NOPE");

        await using var db = _host.Gateway.Db();
        Assert.Empty(db.GuideRelationships);
        Assert.Equal("guide unknown", (await db.WeComCallbackEvents.SingleAsync()).Outcome);
        Assert.Contains(_host.Gateway.Logs.Lines, l => l.Contains("not bound", StringComparison.Ordinal));
    }

    private sealed class Collect(ConcurrentQueue<IntegrationEvent> events) : IObserver<IntegrationEvent>
    {
        public void OnCompleted()
        {
        }

        public void OnError(Exception error)
        {
        }

        public void OnNext(IntegrationEvent value) => events.Enqueue(value);
    }
}

using MemberGraph.Auth;
using MemberGraph.Data;
using MemberGraph.Domain;
using MemberGraph.Members;
using MemberGraph.Orders;
using MemberGraph.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace MemberGraph.Tests.Orders;

/// <summary>
/// The reads every recording makes before it writes, on both engines: the till's store and the order's first recording in one
/// statement, a returning buyer's identities and member in one more (a tombstone named by the till costs a read of its own).
/// </summary>
public abstract class RecordingChecksTests(DatabaseKind database) : IAsyncLifetime
{
    public sealed class OnSqlite() : RecordingChecksTests(DatabaseKind.Sqlite);

    public sealed class OnPostgres() : RecordingChecksTests(DatabaseKind.Postgres);

    private static readonly Caller Operator = new("ops-1", Roles.Admin, null, null, null, null, new HashSet<string>());

    private GatewayHost _gateway = null!;

    public async Task InitializeAsync() => _gateway = await GatewayHost.StartAsync(database: database);

    public async Task DisposeAsync() => await _gateway.DisposeAsync();

    [Fact]
    public async Task The_store_and_the_first_recording_are_checked_in_one_statement()
    {
        // given: a store, and an order recorded under POS-1 at it
        var data = new TestData(_gateway);
        var store = await data.StoreAsync();
        var member = await data.MemberAsync();
        var recorded = await data.OrderAsync(member.Id, store.Id, new DateTime(2026, 3, 1, 8, 0, 0, DateTimeKind.Utc));
        var counter = _gateway.Service<SqlCommandCounter>();
        await using var db = _gateway.Db();

        // when: each combination is checked
        var before = counter.Count;
        var known = await OrderReads.BeforeRecordingAsync(db, store.Id, recorded.Channel, recorded.ChannelOrderId, CancellationToken.None);
        var statements = counter.Count - before;
        var fresh = await OrderReads.BeforeRecordingAsync(db, store.Id, recorded.Channel, "never-recorded", CancellationToken.None);
        var noSuchStore = await OrderReads.BeforeRecordingAsync(db, store.Id + 1_000, recorded.Channel, recorded.ChannelOrderId, CancellationToken.None);
        var noStore = await OrderReads.BeforeRecordingAsync(db, null, recorded.Channel, "never-recorded", CancellationToken.None);
        var otherChannel = await OrderReads.BeforeRecordingAsync(db, store.Id, SalesChannel.Tmall, recorded.ChannelOrderId, CancellationToken.None);

        // then: one statement; the store found or not, the first recording as it was written, or none
        Assert.Equal(1, statements);
        Assert.True(known.StoreFound);
        Assert.Equal((recorded.Id, recorded.ContentHash, recorded.MemberId, recorded.PaidAmountCents),
            (known.FirstRecording!.Id, known.FirstRecording.ContentHash, known.FirstRecording.MemberId, known.FirstRecording.PaidAmountCents));
        Assert.Equal(DateTimeKind.Utc, known.FirstRecording.PaidAt.Kind);
        Assert.Equal((true, (Order?)null), (fresh.StoreFound, fresh.FirstRecording));
        Assert.False(noSuchStore.StoreFound);
        Assert.Equal(recorded.Id, noSuchStore.FirstRecording?.Id);
        Assert.Equal((false, (Order?)null), (noStore.StoreFound, noStore.FirstRecording));
        Assert.Null(otherChannel.FirstRecording);
    }

    [Fact]
    public async Task A_returning_buyer_is_found_with_their_identities_in_one_statement_and_through_a_merged_member_code_in_two()
    {
        // given: a member with two identities, and one merged into an older member (the merge moves its identity to the survivor)
        var data = new TestData(_gateway);
        var card = $"CARD-{Guid.NewGuid():N}";
        var phone = $"139{Random.Shared.Next(10_000_000, 99_999_999)}";
        var buyer = await data.MemberAsync(null, null, (IdentityChannel.PosCard, card), (IdentityChannel.Phone, phone));
        var survivor = await data.MemberAsync(null, new DateTime(2025, 1, 1, 0, 0, 0, DateTimeKind.Utc));
        var mergedCard = $"CARD-{Guid.NewGuid():N}";
        var merged = await data.MemberAsync(null, null, (IdentityChannel.PosCard, mergedCard));
        var oneId = _gateway.Service<OneIdService>();
        Assert.True((await oneId.MergeAsync([merged.Id], survivor.Id, "test", Operator, CancellationToken.None)).Succeeded);
        var counter = _gateway.Service<SqlCommandCounter>();
        await using var db = _gateway.Db();

        // when: each is resolved as an order resolves its buyer, on the order's own context
        var before = counter.Count;
        var returning = await oneId.ResolveMemberAsync([(IdentityChannel.PosCard, card), (IdentityChannel.Phone, phone)], "test order", Operator,
            CancellationToken.None, reads: db);
        var forReturning = counter.Count - before;
        before = counter.Count;
        var throughTombstone = await oneId.ResolveMemberAsync([(IdentityChannel.PosCard, mergedCard)], "test order", Operator, CancellationToken.None,
            knownMemberId: merged.Id, reads: db); // the till showed the merged member's code
        var forMerged = counter.Count - before;

        // then: the returning buyer in one statement; the merged member's code stands for the survivor, a second read following
        // the tombstone;
        // both members tracked by the order's context (the points are priced from them)
        Assert.Equal((buyer.Id, 1L), (returning, forReturning));
        Assert.Equal((survivor.Id, 2L), (throughTombstone, forMerged));
        Assert.True(TrackedRows.IsTracked(db, db.Members.Local.Single(m => m.Id == buyer.Id)));
        Assert.Contains(db.Members.Local, m => m.Id == survivor.Id);
    }

    [Fact]
    public async Task A_buyers_identities_are_read_through_the_index_of_channel_and_external_id()
    {
        // given: the read OneID makes for a buyer with a POS card and a phone, as this engine is sent it
        await using var db = _gateway.Db();
        IdentityKey[] keys = [new(IdentityChannel.PosCard, "CARD-1"), new(IdentityChannel.Phone, "13900000000")];
        var sql = OneIdService.IdentitiesWithMembersByKey.TextFor(db, OneIdService.KeyValues(keys));

        // when: the engine is asked how it would run it (PostgreSQL told to avoid whole-table scans where it has another way)
        var plan = await PlanAsync(db, sql, keys);

        // then: the identities are found by the unique index on (channel, external id), searched on both columns; a read by
        // external id alone can search none of it (it scanned every identity of the chain for every order)
        if (database == DatabaseKind.Sqlite)
        {
            Assert.Contains(plan, line => line.Contains("SEARCH i USING INDEX IX_Identities_Channel_ExternalId (Channel=? AND ExternalId=?)"));
        }
        else
        {
            Assert.Contains(plan, line => line.Contains("Index Cond:") && line.Contains("\"Channel\"") && line.Contains("\"ExternalId\""));
            Assert.DoesNotContain(plan, line => line.Contains("Seq Scan on \"Identities\""));
        }
    }

    private async Task<List<string>> PlanAsync(MemberGraphDb db, string sql, IdentityKey[] keys)
    {
        await db.Database.OpenConnectionAsync();
        var connection = db.Database.GetDbConnection();
        if (database == DatabaseKind.Postgres)
        {
            await using var off = connection.CreateCommand();
            off.CommandText = "SET enable_seqscan = off";
            await off.ExecuteNonQueryAsync();
        }

        await using var explain = connection.CreateCommand();
        explain.CommandText = (database == DatabaseKind.Sqlite ? "EXPLAIN QUERY PLAN " : "EXPLAIN ") + sql;
        for (var n = 0; n < keys.Length; n++)
        {
            Add(explain, $"@channels_{n}", keys[n].Channel.ToString());
            Add(explain, $"@externalIds_{n}", keys[n].ExternalId);
        }

        var plan = new List<string>();
        await using var reader = await explain.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            plan.Add(reader.GetString(reader.FieldCount - 1)); // SQLite: id, parent, notused, detail; PostgreSQL: one line per row
        }

        return plan;
    }

    private static void Add(System.Data.Common.DbCommand command, string name, string value)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = name;
        parameter.Value = value;
        command.Parameters.Add(parameter);
    }
}

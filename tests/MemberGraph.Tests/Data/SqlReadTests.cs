using MemberGraph.Data;
using MemberGraph.Members;
using MemberGraph.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace MemberGraph.Tests.Data;

/// <summary>
/// <see cref="SqlRead{TRow}"/> on the engines it renders SQL for: rows come back exactly as EF reads them (UTC times, PostgreSQL's
/// microseconds, enums stored as text, nulls), parameters are sent as the columns store them, every run is one counted command
/// in the caller's transaction, a list fills IN, and tracked rows resolve to the context's own instances.
/// </summary>
public abstract class SqlReadTests(DatabaseKind database) : IAsyncLifetime
{
    public sealed class OnSqlite() : SqlReadTests(DatabaseKind.Sqlite);

    public sealed class OnPostgres() : SqlReadTests(DatabaseKind.Postgres);

    private static readonly SqlRead<Member> MemberById = new(_ => """SELECT * FROM "Members" WHERE "Id" = @id""",
        row => row.Entity<Member>(), SqlArg.Of<long>("id"));

    private static readonly SqlRead<Member> MembersByStatusCreatedAfter = new(_ => """
        SELECT * FROM "Members" WHERE "Status" = @status AND "CreatedAt" >= @after AND "Id" IN (@ids) ORDER BY "Id"
        """,
        row => row.Entity<Member>(),
        SqlArg.Like<Member>("status", nameof(Member.Status)), SqlArg.Like<Member>("after", nameof(Member.CreatedAt)), SqlArg.ListOf<long>("ids"));

    private static readonly SqlRead<(long Id, string? Phone, bool Consent)> Touched = new(sql => $"""
        UPDATE "Members" SET "TouchedAt" = @at {sql.OutputInserted} WHERE "Id" = @id {sql.Returning}
        """,
        row => (row.Entity<Member>().Id, row.Entity<Member>().Phone, row.Entity<Member>().MarketingConsent),
        SqlArg.Like<Member>("at", nameof(Member.TouchedAt)), SqlArg.Of<long>("id"));

    private static readonly SqlRead<long> CountOf = new(_ => """SELECT COUNT(*) FROM "Members" WHERE "Id" IN (@ids)""",
        row => row.Get<long>(0), SqlArg.ListOf<long>("ids"));

    private static readonly SqlRead<long> ByStatusesAndIds = new(_ => """SELECT "Id" FROM "Members" WHERE "Status" IN (@statuses) AND "Id" IN (@ids) ORDER BY "Id" """,
        row => row.Get<long>(0), SqlArg.ListLike<Member>("statuses", nameof(Member.Status)), SqlArg.ListOf<long>("ids"));

    private static readonly SqlWrite Rename = new(_ => """UPDATE "Members" SET "DisplayName" = @name, "RegisteredAt" = @at WHERE "Id" = @id""",
        SqlArg.Like<Member>("name", nameof(Member.DisplayName)), SqlArg.Like<Member>("at", nameof(Member.RegisteredAt)), SqlArg.Of<long>("id"));

    private GatewayHost _gateway = null!;

    public async Task InitializeAsync() => _gateway = await GatewayHost.StartAsync(database: database);

    public async Task DisposeAsync() => await _gateway.DisposeAsync();

    [Fact]
    public async Task A_row_reads_back_exactly_as_EF_reads_it()
    {
        // given: a member with every kind of value: times with ticks below the microsecond, enums stored as text, a date,
        // a double, flags, nulls next to values
        var at = new DateTime(2026, 3, 1, 8, 0, 0, DateTimeKind.Utc).AddTicks(1_234_567);
        var full = await SaveAsync(new Member
        {
            DisplayName = "Li Lei", Phone = "13800000001", Birthday = new DateOnly(1990, 2, 28), Gender = Gender.Female, CreatedAt = at,
            RegisteredAt = at.AddDays(1), Status = MemberStatus.Merged, MarketingConsent = true, HomeLatitude = 31.2304, TouchedAt = at,
        });
        var sparse = await SaveAsync(new Member { DisplayName = "Han Meimei", CreatedAt = at, TouchedAt = at });

        foreach (var id in new[] { full.Id, sparse.Id })
        {
            // when
            await using var db = _gateway.Db();
            var read = await MemberById.FirstOrDefaultAsync(db, [id], CancellationToken.None);
            var byEf = await db.Members.AsNoTracking().SingleAsync(m => m.Id == id);

            // then: every mapped property equal, times marked UTC as EF marks them
            Assert.NotNull(read);
            foreach (var property in db.Model.FindEntityType(typeof(Member))!.GetProperties().Where(p => p.PropertyInfo is not null))
            {
                Assert.Equal(property.PropertyInfo!.GetValue(byEf), property.PropertyInfo.GetValue(read));
            }

            Assert.Equal(DateTimeKind.Utc, read.CreatedAt.Kind);
        }

        await using var check = _gateway.Db();
        var fullRead = (await MemberById.FirstOrDefaultAsync(check, [full.Id], CancellationToken.None))!;
        Assert.Equal(database == DatabaseKind.Postgres ? at.AddTicks(-7) : at, fullRead.CreatedAt);
        Assert.Equal((MemberStatus.Merged, Gender.Female, (DateTime?)at.AddDays(1)), (fullRead.Status, fullRead.Gender, fullRead.RegisteredAt?.AddTicks(database == DatabaseKind.Postgres ? 7 : 0)));
        var sparseRead = (await MemberById.FirstOrDefaultAsync(check, [sparse.Id], CancellationToken.None))!;
        Assert.Equal((null, null, null, null), (sparseRead.Phone, sparseRead.Birthday, sparseRead.RegisteredAt, sparseRead.HomeLatitude));
        Assert.Null(await MemberById.FirstOrDefaultAsync(check, [-1L], CancellationToken.None));
    }

    [Fact]
    public async Task Parameters_are_sent_as_the_columns_store_them_and_a_list_fills_IN()
    {
        // given: three active members created at one time, one merged; an enum compared as its stored text, a time as stored
        var at = new DateTime(2026, 4, 1, 9, 30, 0, DateTimeKind.Utc);
        var a = await SaveAsync(new Member { DisplayName = "A", CreatedAt = at, TouchedAt = at });
        var b = await SaveAsync(new Member { DisplayName = "B", CreatedAt = at.AddMinutes(1), TouchedAt = at });
        var c = await SaveAsync(new Member { DisplayName = "C", CreatedAt = at.AddMinutes(2), TouchedAt = at });
        var merged = await SaveAsync(new Member { DisplayName = "M", CreatedAt = at.AddMinutes(3), TouchedAt = at, Status = MemberStatus.Merged });
        await using var db = _gateway.Db();

        // when: lists of 3 (padded to 4 places), 1 and 0 ids
        var three = await MembersByStatusCreatedAfter.ListAsync(db, [MemberStatus.Active, at.AddMinutes(1), new List<long> { a.Id, b.Id, c.Id, merged.Id }], default);
        var one = await MembersByStatusCreatedAfter.ListAsync(db, [MemberStatus.Merged, at, new List<long> { merged.Id }], default);
        var none = await MembersByStatusCreatedAfter.ListAsync(db, [MemberStatus.Active, at, new List<long>()], default);

        // then: the time is compared as stored (a, created before it, is out), the enum as its text, IN as given
        Assert.Equal([b.Id, c.Id], three.Select(m => m.Id));
        Assert.Equal([merged.Id], one.Select(m => m.Id));
        Assert.Empty(none);
        Assert.Equal(3, await CountOf.FirstOrDefaultAsync(db, [new List<long> { a.Id, b.Id, c.Id }], default));
    }

    [Fact]
    public async Task Two_lists_of_one_read_fill_their_IN_side_by_side_and_must_be_as_long_as_each_other()
    {
        // given: an active member and a merged one
        var at = new DateTime(2026, 4, 1, 9, 30, 0, DateTimeKind.Utc);
        var active = await SaveAsync(new Member { DisplayName = "A", CreatedAt = at, TouchedAt = at });
        var merged = await SaveAsync(new Member { DisplayName = "M", CreatedAt = at, TouchedAt = at, Status = MemberStatus.Merged });
        await using var db = _gateway.Db();

        // when: three statuses (stored as text) with three ids, padded to four places each; one with one; lists of 2 and 1
        var both = await ByStatusesAndIds.ListAsync(db,
            [new List<MemberStatus> { MemberStatus.Active, MemberStatus.Merged, MemberStatus.Erased }, new List<long> { active.Id, merged.Id, -1 }], default);
        var mergedOnly = await ByStatusesAndIds.ListAsync(db, [new List<MemberStatus> { MemberStatus.Merged }, new List<long> { active.Id }], default);
        var uneven = await Assert.ThrowsAsync<ArgumentException>(() => ByStatusesAndIds.ListAsync(db,
            [new List<MemberStatus> { MemberStatus.Active, MemberStatus.Merged }, new List<long> { active.Id }], default));

        // then: each list filled its own IN with its own values, as its column stores them; uneven lists are refused
        Assert.Equal([active.Id, merged.Id], both);
        Assert.Empty(mergedOnly);
        Assert.Contains("as long as each other", uneven.Message);
    }

    [Fact]
    public async Task Each_run_is_one_counted_command_in_the_callers_transaction()
    {
        // given: a member, and a transaction that changes them without committing
        var at = new DateTime(2026, 5, 1, 10, 0, 0, DateTimeKind.Utc);
        var member = await SaveAsync(new Member { DisplayName = "Before", Phone = "13800000002", CreatedAt = at, TouchedAt = at });
        var counter = _gateway.Service<SqlCommandCounter>();
        await using var db = _gateway.Db();
        await using var transaction = await db.Database.BeginTransactionAsync();
        await db.Members.Where(m => m.Id == member.Id).ExecuteUpdateAsync(s => s.SetProperty(m => m.MarketingConsent, true));

        // when: an UPDATE that answers its row, then a read
        var before = counter.Count;
        var touched = await Touched.FirstOrDefaultAsync(db, [at.AddHours(1), member.Id], default);
        var read = await MemberById.FirstOrDefaultAsync(db, [member.Id], default);
        var counted = counter.Count - before;

        // then: one command each, both seeing the uncommitted change (a command outside the transaction would not see it on
        // PostgreSQL, and is refused on SQLite's connection)
        Assert.Equal(2, counted);
        Assert.Equal((member.Id, "13800000002", true), touched);
        Assert.Equal((true, at.AddHours(1)), (read!.MarketingConsent, read.TouchedAt));

        // and once rolled back, neither write is there
        await transaction.RollbackAsync();
        var after = await MemberById.FirstOrDefaultAsync(db, [member.Id], default);
        Assert.Equal((false, at), (after!.MarketingConsent, after.TouchedAt));
    }

    [Fact]
    public async Task A_tracked_row_is_the_contexts_own_instance_and_saves_like_one()
    {
        // given: a member the context already tracks
        var at = new DateTime(2026, 6, 1, 10, 0, 0, DateTimeKind.Utc);
        var member = await SaveAsync(new Member { DisplayName = "Tracked", CreatedAt = at, TouchedAt = at });
        var other = await SaveAsync(new Member { DisplayName = "Read", CreatedAt = at, TouchedAt = at });
        await using var db = _gateway.Db();
        var tracked = await db.Members.SingleAsync(m => m.Id == member.Id);

        // when
        var again = TrackedRows.Track(db, (await MemberById.FirstOrDefaultAsync(db, [member.Id], default))!);
        var read = TrackedRows.Track(db, (await MemberById.FirstOrDefaultAsync(db, [other.Id], default))!);

        // then: the tracked instance comes back; a new row is tracked unchanged and a change to it is saved
        Assert.Same(tracked, again);
        Assert.Equal(EntityState.Unchanged, db.Entry(read).State);
        read.DisplayName = "Renamed";
        await db.SaveChangesAsync();
        await using var check = _gateway.Db();
        Assert.Equal("Renamed", (await check.Members.SingleAsync(m => m.Id == other.Id)).DisplayName);
    }

    [Fact]
    public async Task A_write_is_one_counted_command_in_the_callers_transaction_and_answers_the_rows_it_changed()
    {
        // given: a member and a transaction
        var at = new DateTime(2026, 7, 1, 10, 0, 0, DateTimeKind.Utc).AddTicks(3);
        var member = await SaveAsync(new Member { DisplayName = "Old", CreatedAt = at, TouchedAt = at, RegisteredAt = at });
        var counter = _gateway.Service<SqlCommandCounter>();
        await using var db = _gateway.Db();
        await using var transaction = await db.Database.BeginTransactionAsync();

        // when: one write that finds the member, one that finds nobody, then a null into a nullable column
        var before = counter.Count;
        var changed = await Rename.ExecuteAsync(db, ["New", at.AddDays(1), member.Id], default);
        var none = await Rename.ExecuteAsync(db, ["Nobody", at, -1L], default);
        var counted = counter.Count - before;
        var seen = (await MemberById.FirstOrDefaultAsync(db, [member.Id], default))!;
        await Rename.ExecuteAsync(db, ["Unregistered", null, member.Id], default);
        var cleared = (await MemberById.FirstOrDefaultAsync(db, [member.Id], default))!;

        // then
        Assert.Equal((1, 0, 2L), (changed, none, counted));
        Assert.Equal(("New", database == DatabaseKind.Postgres ? at.AddDays(1).AddTicks(-3) : at.AddDays(1)), (seen.DisplayName, seen.RegisteredAt));
        Assert.Equal(("Unregistered", (DateTime?)null), (cleared.DisplayName, cleared.RegisteredAt));
        await transaction.RollbackAsync();
        await using var check = _gateway.Db();
        Assert.Equal("Old", (await check.Members.SingleAsync(m => m.Id == member.Id)).DisplayName);
    }

    private async Task<Member> SaveAsync(Member member)
    {
        await using var db = _gateway.Db();
        db.Members.Add(member);
        await db.SaveChangesAsync();
        return member;
    }
}

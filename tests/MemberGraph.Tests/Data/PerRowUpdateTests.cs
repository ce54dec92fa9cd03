using MemberGraph.Data;
using MemberGraph.Members;
using MemberGraph.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace MemberGraph.Tests.Data;

/// <summary>
/// <see cref="PerRowUpdate{TEntity}"/> on the engines it renders SQL for: each listed row gets its own values (enums as their
/// text, a time and a null as the columns store them), a row whose guard moved is left alone and not counted, rows not listed
/// are untouched, and a run is one counted command in the caller's transaction.
/// </summary>
public abstract class PerRowUpdateTests(DatabaseKind database) : IAsyncLifetime
{
    public sealed class OnSqlite() : PerRowUpdateTests(DatabaseKind.Sqlite);

    public sealed class OnPostgres() : PerRowUpdateTests(DatabaseKind.Postgres);

    private static readonly PerRowUpdate<Member> Renamed = new("Members", nameof(Member.Id),
        set: [nameof(Member.DisplayName), nameof(Member.Status), nameof(Member.RegisteredAt)],
        guard: [nameof(Member.DisplayName)]);

    private static readonly DateTime At = new(2026, 8, 1, 10, 0, 0, DateTimeKind.Utc);

    private GatewayHost _gateway = null!;

    public async Task InitializeAsync() => _gateway = await GatewayHost.StartAsync(database: database);

    public async Task DisposeAsync() => await _gateway.DisposeAsync();

    [Fact]
    public async Task Each_listed_row_gets_its_own_values_in_one_counted_command()
    {
        // given: three members
        var (a, b, c) = (await SaveAsync("A"), await SaveAsync("B"), await SaveAsync("C"));
        var counter = _gateway.Service<SqlCommandCounter>();
        await using var db = _gateway.Db();

        // when: a and c get values of their own (c's registration time cleared), b is not listed
        var before = counter.Count;
        var changed = await Renamed.ExecuteAsync(db,
        [
            new(a.Id, ["A2", MemberStatus.Merged, At.AddDays(1)], ["A"]),
            new(c.Id, ["C2", MemberStatus.Active, null], ["C"]),
        ], default);
        var counted = counter.Count - before;

        // then
        Assert.Equal((2, 1L), (changed, counted));
        var rows = await RowsAsync(a.Id, b.Id, c.Id);
        Assert.Equal(("A2", MemberStatus.Merged, (DateTime?)At.AddDays(1)), rows[a.Id]);
        Assert.Equal(("B", MemberStatus.Active, (DateTime?)At), rows[b.Id]);
        Assert.Equal(("C2", MemberStatus.Active, (DateTime?)null), rows[c.Id]);
    }

    [Fact]
    public async Task A_row_whose_guard_moved_is_left_alone_and_not_counted()
    {
        // given: two members, the second renamed since it was read as "E"
        var (d, e) = (await SaveAsync("D"), await SaveAsync("E"));
        await using (var other = _gateway.Db())
        {
            await other.Members.Where(m => m.Id == e.Id).ExecuteUpdateAsync(s => s.SetProperty(m => m.DisplayName, "E moved"));
        }

        // when: both listed, inside a transaction
        await using var db = _gateway.Db();
        await using var transaction = await db.Database.BeginTransactionAsync();
        var changed = await Renamed.ExecuteAsync(db,
        [
            new(d.Id, ["D2", MemberStatus.Active, At], ["D"]),
            new(e.Id, ["E2", MemberStatus.Active, At], ["E"]),
        ], default);

        // then: only d changed (the caller sees 1 of 2 and gives up), and the rollback takes that back too
        Assert.Equal(1, changed);
        await transaction.RollbackAsync();
        var rows = await RowsAsync(d.Id, e.Id);
        Assert.Equal(("D", "E moved"), (rows[d.Id].Name, rows[e.Id].Name));
    }

    [Fact]
    public async Task The_same_row_count_reuses_its_statement_and_another_count_gets_its_own()
    {
        var members = new List<Member>();
        for (var i = 0; i < 4; i++)
        {
            members.Add(await SaveAsync($"M{i}"));
        }

        await using var db = _gateway.Db();
        Assert.Equal(1, await Renamed.ExecuteAsync(db, [new(members[0].Id, ["M0 new", MemberStatus.Active, At], ["M0"])], default));
        Assert.Equal(1, await Renamed.ExecuteAsync(db, [new(members[1].Id, ["M1 new", MemberStatus.Active, At], ["M1"])], default));
        Assert.Equal(2, await Renamed.ExecuteAsync(db,
            [new(members[2].Id, ["M2 new", MemberStatus.Active, At], ["M2"]), new(members[3].Id, ["M3 new", MemberStatus.Active, At], ["M3"])], default));
        var rows = await RowsAsync([.. members.Select(m => m.Id)]);
        Assert.Equal(["M0 new", "M1 new", "M2 new", "M3 new"], members.Select(m => rows[m.Id].Name));
        Assert.Throws<ArgumentException>(() => { _ = Renamed.ExecuteAsync(db, [], default); });
    }

    private async Task<Dictionary<long, (string Name, MemberStatus Status, DateTime? RegisteredAt)>> RowsAsync(params long[] ids)
    {
        await using var db = _gateway.Db();
        var rows = await db.Members.AsNoTracking().Where(m => ids.Contains(m.Id)).ToListAsync();
        return rows.ToDictionary(m => m.Id, m => (m.DisplayName, m.Status, m.RegisteredAt));
    }

    private async Task<Member> SaveAsync(string name)
    {
        await using var db = _gateway.Db();
        var member = new Member { DisplayName = name, CreatedAt = At, TouchedAt = At, RegisteredAt = At };
        db.Members.Add(member);
        await db.SaveChangesAsync();
        return member;
    }
}

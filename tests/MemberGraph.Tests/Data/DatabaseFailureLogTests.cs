using MemberGraph.Data;
using MemberGraph.Domain;
using MemberGraph.Guides;
using MemberGraph.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace MemberGraph.Tests.Data;

/// <summary>
/// A unique key refusing a row is how idempotent writes and races are detected (the caller catches it and answers
/// the replay): not an error in the log. Every other database failure still is.
/// </summary>
public sealed class DatabaseFailureLogTests : IAsyncLifetime
{
    private GatewayHost _gateway = null!;

    public async Task InitializeAsync() => _gateway = await GatewayHost.StartAsync();

    public async Task DisposeAsync() => await _gateway.DisposeAsync();

    [Fact]
    public async Task A_unique_key_conflict_the_caller_handles_is_not_logged_as_an_error()
    {
        // given: a callback key recorded once
        await using (var db = _gateway.Db())
        {
            db.WeComCallbackEvents.Add(CallbackEvent("same-key"));
            await db.SaveChangesAsync();
        }

        // when: a concurrent delivery records it again and handles the conflict
        var handled = false;
        await using (var db = _gateway.Db())
        {
            db.WeComCallbackEvents.Add(CallbackEvent("same-key"));
            try
            {
                await db.SaveChangesAsync();
            }
            catch (DbUpdateException ex) when (ex.IsUniqueViolation())
            {
                handled = true;
            }
        }

        // then: no error line, one line below error level saying what the conflict was
        Assert.True(handled);
        Assert.DoesNotContain(_gateway.Logs.Lines, IsError);
        Assert.Single(_gateway.Logs.Lines, line => line.Contains("Unique key conflict", StringComparison.Ordinal) && line.Contains("WeComCallbackEvents", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Other_database_failures_are_still_logged_as_errors()
    {
        // when: a foreign key refuses a row, and a command names a table that does not exist
        await using (var db = _gateway.Db())
        {
            db.GuideRelationships.Add(new GuideRelationship { MemberId = 999_999, GuideId = 999_999, Kind = GuideRelationshipKind.Follow, Since = DateTime.UtcNow });
            await Assert.ThrowsAsync<DbUpdateException>(() => db.SaveChangesAsync());
        }

        await using (var db = _gateway.Db())
        {
            await Assert.ThrowsAsync<Microsoft.Data.Sqlite.SqliteException>(() => db.Database.ExecuteSqlRawAsync("DELETE FROM NoSuchTable"));
        }

        // then
        Assert.Contains(_gateway.Logs.Lines, line => IsError(line) && line.Contains("FOREIGN KEY", StringComparison.Ordinal));
        Assert.Contains(_gateway.Logs.Lines, line => IsError(line) && line.Contains("NoSuchTable", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_first_start_on_an_empty_PostgreSQL_database_migrates_it_without_an_error_line()
    {
        // given: an empty PostgreSQL database, as a first deployment has (EF's migrator first asks for its history
        // table, which does not exist yet: PostgreSQL answers 42P01)
        var cluster = await PostgresCluster.InstanceAsync();
        var connection = await cluster.CreateEmptyDatabaseAsync();

        // when: the gateway starts on it and applies every migration
        await using var gateway = await GatewayHost.StartAsync(new Dictionary<string, string?> { ["ConnectionStrings:Postgres"] = connection });

        // then: the database is migrated and the log has no error line
        await using (var db = gateway.Db())
        {
            Assert.Empty(await db.Database.GetPendingMigrationsAsync());
        }

        Assert.DoesNotContain(gateway.Logs.Lines, IsError);
    }

    private static bool IsError(string line) => line.StartsWith("Error", StringComparison.Ordinal) || line.StartsWith("Critical", StringComparison.Ordinal);

    private static WeComCallbackEvent CallbackEvent(string key) =>
        new() { Key = key, ChangeType = "edit_external_contact", UserId = "u", ExternalUserId = "wm", ReceivedAt = DateTime.UtcNow, Outcome = "test" };
}

using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace MemberGraph.Data;

/// <summary>
/// Logs database failures in place of EF Core's own error lines (<c>CommandError</c> and <c>SaveChangesFailed</c>, turned
/// down to debug in <see cref="DataServiceCollectionExtensions"/>), with one difference: a unique key refusing a row is
/// how idempotent writes and races are detected — the caller catches it and answers the replay — so it is one
/// information line, not an error with a stack trace. Every other failure is still an error. A unique conflict a
/// caller does not expect still surfaces as that caller's unhandled exception. The migrator's first look for its history
/// table on an empty PostgreSQL database (42P01) is expected too: a debug line.
/// </summary>
public sealed class DatabaseFailureLog(ILogger<DatabaseFailureLog> logger) : DbCommandInterceptor, ISaveChangesInterceptor
{
    private const string HistoryTable = "__EFMigrationsHistory";
    private const string UndefinedTable = "42P01"; // PostgreSQL's SQLSTATE for a relation that does not exist

    public override void CommandFailed(DbCommand command, CommandErrorEventData eventData) => Log(command, eventData);

    public override Task CommandFailedAsync(DbCommand command, CommandErrorEventData eventData, CancellationToken cancellationToken = default)
    {
        Log(command, eventData);
        return Task.CompletedTask;
    }

    public void SaveChangesFailed(DbContextErrorEventData eventData) => Log(eventData);

    public Task SaveChangesFailedAsync(DbContextErrorEventData eventData, CancellationToken cancellationToken = default)
    {
        Log(eventData);
        return Task.CompletedTask;
    }

    private void Log(DbCommand command, CommandErrorEventData eventData)
    {
        if (eventData.Exception is DbException database && database.IsUniqueViolation())
        {
            logger.LogInformation("Unique key conflict ({Error}); expected for idempotent replays and races, which the caller answers",
                database.Message);
            return;
        }

        if (eventData.Exception is DbException { SqlState: UndefinedTable } && command.CommandText.Contains(HistoryTable, StringComparison.Ordinal))
        {
            // EF's migrator reads its history table before creating it; on a first start PostgreSQL answers "relation
            // does not exist" and the migrator goes on to create it. Expected, so not an error.
            logger.LogDebug("Migration history table not created yet ({Error}); the migrator creates it", eventData.Exception.Message);
            return;
        }

        logger.LogError(eventData.Exception, "Failed executing DbCommand ({Elapsed:0} ms): {Error}{NewLine}{CommandText}",
            eventData.Duration.TotalMilliseconds, eventData.Exception.Message, Environment.NewLine, command.CommandText);
    }

    private void Log(DbContextErrorEventData eventData)
    {
        switch (eventData.Exception)
        {
            case DbUpdateException update when update.IsUniqueViolation():
                return;
            case DbUpdateConcurrencyException:
                // EF Core logs these at debug too: the callers that can meet them retry.
                logger.LogDebug(eventData.Exception, "Concurrency conflict while saving changes");
                return;
            default:
                logger.LogError(eventData.Exception, "An exception occurred in the database while saving changes for context type '{ContextType}': {Error}",
                    eventData.Context?.GetType().FullName, eventData.Exception.Message);
                return;
        }
    }
}

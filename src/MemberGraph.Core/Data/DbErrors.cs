using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace MemberGraph.Data;

/// <summary>Recognises the database's own refusals that callers turn into idempotent answers or retries.</summary>
public static class DbErrors
{
    /// <summary>A unique index refused the row (SQLite constraint UNIQUE/PRIMARY KEY, SQL Server 2601/2627, PostgreSQL 23505).</summary>
    public static bool IsUniqueViolation(this DbUpdateException exception) =>
        exception.InnerException is System.Data.Common.DbException database && database.IsUniqueViolation();

    /// <summary>The same for the provider's own exception, as a failed command raises it.</summary>
    public static bool IsUniqueViolation(this System.Data.Common.DbException exception) => exception switch
    {
        SqliteException sqlite => sqlite.SqliteExtendedErrorCode is 2067 or 1555,
        Microsoft.Data.SqlClient.SqlException sql => sql.Number is 2601 or 2627,
        PostgresException postgres => postgres.SqlState == PostgresErrorCodes.UniqueViolation,
        _ => false,
    };

    /// <summary>
    /// The server chose this transaction as the loser of a conflict and rolled it back: a deadlock (PostgreSQL 40P01,
    /// SQL Server 1205) or a serialization failure (PostgreSQL 40001). Running the whole unit of work again is the cure.
    /// </summary>
    public static bool IsTransientConflict(this Exception exception) => exception switch
    {
        PostgresException postgres => postgres.SqlState is PostgresErrorCodes.SerializationFailure or PostgresErrorCodes.DeadlockDetected,
        Microsoft.Data.SqlClient.SqlException sql => sql.Number == 1205,
        DbUpdateException update => update.InnerException is { } inner && inner.IsTransientConflict(),
        InvalidOperationException { InnerException: { } inner } => inner.IsTransientConflict(),
        _ => false,
    };

    /// <summary>Either kind of refusal a retrying unit of work runs again after: a unique index or a lost conflict.</summary>
    public static bool IsRetryable(this DbUpdateException exception) =>
        exception.IsUniqueViolation() || exception is DbUpdateConcurrencyException || exception.IsTransientConflict();
}

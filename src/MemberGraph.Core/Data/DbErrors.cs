using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace MemberGraph.Data;

/// <summary>Recognises the database's own refusals that callers turn into idempotent answers.</summary>
public static class DbErrors
{
    /// <summary>A unique index refused the row (SQLite constraint UNIQUE/PRIMARY KEY, SQL Server 2601/2627).</summary>
    public static bool IsUniqueViolation(this DbUpdateException exception) =>
        exception.InnerException is System.Data.Common.DbException database && database.IsUniqueViolation();

    /// <summary>The same for the provider's own exception, as a failed command raises it.</summary>
    public static bool IsUniqueViolation(this System.Data.Common.DbException exception) => exception switch
    {
        SqliteException sqlite => sqlite.SqliteExtendedErrorCode is 2067 or 1555,
        Microsoft.Data.SqlClient.SqlException sql => sql.Number is 2601 or 2627,
        _ => false,
    };
}

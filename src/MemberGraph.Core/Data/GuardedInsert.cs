using System.Data.Common;
using System.Globalization;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;

namespace MemberGraph.Data;

/// <summary>
/// Inserts one row only while a condition holds, in one statement: <c>INSERT ... SELECT @values WHERE (guard) RETURNING
/// key</c> (<c>OUTPUT INSERTED.key</c> on SQL Server). A limit checked by a query of its own and then an INSERT is two
/// statements; here the check and the write are the same statement, inside the caller's transaction, so whatever
/// serialises the writers (a row lock taken earlier in the transaction) covers both.
/// </summary>
/// <remarks>
/// Columns, converters and parameter types come from the EF model, so the row is written as SaveChanges would write it
/// (on PostgreSQL its times cut to the microsecond, as <see cref="PostgresMicroseconds"/> does); the command goes through
/// EF's pipeline, interceptors (the command counter) included. The row is left untracked. The guard names its values as
/// <c>{0}</c>, <c>{1}</c>, ... of <paramref name="guard"/>, which become parameters; identifiers in it are double-quoted
/// (SQL Server reads those with QUOTED_IDENTIFIER on, its default).
/// </remarks>
public static class GuardedInsert
{
    /// <summary>Inserts <paramref name="row"/> when <paramref name="guard"/> holds and sets its generated key; false when it did not hold.</summary>
    public static async Task<bool> InsertIfAsync<T>(MemberGraphDb db, T row, FormattableString guard, CancellationToken cancellationToken)
        where T : class
    {
        var entityType = db.Model.FindEntityType(typeof(T)) ?? throw new InvalidOperationException($"{typeof(T).Name} is not in the model.");
        var key = entityType.FindPrimaryKey()!.Properties.Single();
        var (sql, parameters) = Statement(db, entityType, key, row, guard);
        var generated = await db.Database.SqlQueryRaw<long>(sql, parameters).ToListAsync(cancellationToken);
        if (generated.Count == 0)
        {
            return false;
        }

        key.PropertyInfo!.SetValue(row, generated[0]);
        return true;
    }

    private static (string Sql, object[] Parameters) Statement<T>(MemberGraphDb db, IEntityType entityType, IProperty key, T row, FormattableString guard)
        where T : class
    {
        var table = StoreObjectIdentifier.Table(entityType.GetTableName()!, entityType.GetSchema());
        var columns = entityType.GetProperties().Where(p => p != key).ToList();
        var names = db.GetService<ISqlGenerationHelper>();
        var sqlServer = db.Database.IsSqlServer();
        var truncateToMicroseconds = db.Database.IsNpgsql();
        using var parameterMaker = db.Database.GetDbConnection().CreateCommand();
        var parameters = new List<DbParameter>(columns.Count + guard.ArgumentCount);
        var keyColumn = names.DelimitIdentifier(key.GetColumnName(table)!);

        var sql = new StringBuilder("INSERT INTO ").Append(names.DelimitIdentifier(table.Name, table.Schema)).Append(" (")
            .AppendJoin(", ", columns.Select(c => names.DelimitIdentifier(c.GetColumnName(table)!))).Append(')');
        if (sqlServer)
        {
            sql.Append(" OUTPUT INSERTED.").Append(keyColumn).Append(" AS ").Append(names.DelimitIdentifier("Value"));
        }

        sql.Append(" SELECT ");
        foreach (var column in columns)
        {
            var value = column.GetGetter().GetClrValue(row);
            if (truncateToMicroseconds && value is DateTime time)
            {
                value = PostgresMicroseconds.Truncate(time);
                column.PropertyInfo!.SetValue(row, value); // what the row holds, as SaveChanges' interceptor does
            }

            var name = "p" + parameters.Count.ToString(CultureInfo.InvariantCulture);
            parameters.Add(column.GetRelationalTypeMapping().CreateParameter(parameterMaker, names.GenerateParameterName(name), value, column.IsNullable));
            sql.Append(parameters.Count == 1 ? "" : ", ").Append(names.GenerateParameterNamePlaceholder(name));
        }

        var placeholders = new object[guard.ArgumentCount];
        for (var i = 0; i < guard.ArgumentCount; i++)
        {
            var name = "g" + i.ToString(CultureInfo.InvariantCulture);
            var parameter = parameterMaker.CreateParameter();
            parameter.ParameterName = names.GenerateParameterName(name);
            parameter.Value = guard.GetArgument(i) ?? DBNull.Value;
            parameters.Add(parameter);
            placeholders[i] = names.GenerateParameterNamePlaceholder(name);
        }

        sql.Append(" WHERE ").Append(string.Format(CultureInfo.InvariantCulture, guard.Format, placeholders));
        if (!sqlServer)
        {
            sql.Append(" RETURNING ").Append(keyColumn).Append(" AS ").Append(names.DelimitIdentifier("Value"));
        }

        return (sql.ToString(), parameters.ToArray<object>());
    }
}

using System.Data.Common;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;

namespace MemberGraph.Data;

/// <summary>Rows whose keys nobody reads back (audit lines at commit): no RETURNING, not tracked, on every provider.</summary>
public static partial class MultiRowInsert
{
    /// <summary>
    /// Inserts rows whose generated keys nobody reads (audit lines), in statements of at most <see cref="RowsWithoutKeys"/> rows,
    /// on every provider (SQL Server takes a multi-row VALUES list as well). The rows are not tracked afterwards.
    /// </summary>
    public static void InsertWithoutKeys<T>(MemberGraphDb db, IReadOnlyList<T> rows)
        where T : class
    {
        foreach (var (sql, parameters) in WithoutKeys(db, rows))
        {
            db.Database.ExecuteSqlRaw(sql, parameters);
        }
    }

    /// <inheritdoc cref="InsertWithoutKeys{T}"/>
    public static async Task InsertWithoutKeysAsync<T>(MemberGraphDb db, IReadOnlyList<T> rows, CancellationToken cancellationToken)
        where T : class
    {
        foreach (var (sql, parameters) in WithoutKeys(db, rows))
        {
            await db.Database.ExecuteSqlRawAsync(sql, parameters, cancellationToken);
        }
    }

    /// <summary>SQL Server takes at most 2,100 parameters in one command; 100 rows of up to 20 columns stay under it.</summary>
    private const int RowsWithoutKeys = 100;

    private static IEnumerable<(string Sql, object[] Parameters)> WithoutKeys<T>(MemberGraphDb db, IReadOnlyList<T> rows)
        where T : class
    {
        var entityType = db.Model.FindEntityType(typeof(T)) ?? throw new InvalidOperationException($"{typeof(T).Name} is not in the model.");
        var key = entityType.FindPrimaryKey()!.Properties.Single();
        for (var start = 0; start < rows.Count; start += RowsWithoutKeys)
        {
            yield return Statement(db, entityType, key, [.. rows.Skip(start).Take(RowsWithoutKeys)]);
        }
    }

    private static (string Sql, object[] Parameters) Statement<T>(MemberGraphDb db, IEntityType entityType, IProperty key, IReadOnlyList<T> rows)
        where T : class
    {
        var table = StoreObjectIdentifier.Table(entityType.GetTableName()!, entityType.GetSchema());
        var columns = entityType.GetProperties().Where(p => p != key).ToList();
        var names = db.GetService<ISqlGenerationHelper>();
        var truncateToMicroseconds = db.Database.IsNpgsql();
        using var parameterMaker = db.Database.GetDbConnection().CreateCommand();
        var parameters = new List<DbParameter>(rows.Count * columns.Count);

        var sql = new StringBuilder("INSERT INTO ").Append(names.DelimitIdentifier(table.Name, table.Schema)).Append(" (")
            .AppendJoin(", ", columns.Select(c => names.DelimitIdentifier(c.GetColumnName(table)!))).Append(") VALUES ");
        foreach (var row in rows)
        {
            sql.Append(parameters.Count == 0 ? "(" : ", (");
            for (var c = 0; c < columns.Count; c++)
            {
                var value = columns[c].GetGetter().GetClrValue(row);
                if (truncateToMicroseconds && value is DateTime time)
                {
                    value = PostgresMicroseconds.Truncate(time);
                    columns[c].PropertyInfo!.SetValue(row, value); // what the row holds, as SaveChanges' interceptor does
                }

                var name = "p" + parameters.Count.ToString(System.Globalization.CultureInfo.InvariantCulture);
                parameters.Add(columns[c].GetRelationalTypeMapping().CreateParameter(parameterMaker, names.GenerateParameterName(name), value, columns[c].IsNullable));
                sql.Append(c == 0 ? "" : ", ").Append(names.GenerateParameterNamePlaceholder(name));
            }

            sql.Append(')');
        }

        return (sql.ToString(), parameters.ToArray<object>());
    }
}

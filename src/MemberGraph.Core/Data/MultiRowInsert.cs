using System.Data.Common;
using System.Linq.Expressions;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;

namespace MemberGraph.Data;

/// <summary>
/// Inserts new rows of one entity type in one statement, inside the context's transaction. EF Core's SQLite provider
/// sends one INSERT per row (it does not batch), which made every line of an order, and every commission line, a
/// statement of its own. On SQLite and PostgreSQL the rows go in as one <c>INSERT ... VALUES (...), (...) RETURNING</c>;
/// RETURNING promises no order, so the generated keys are matched back by a column whose values differ between the rows
/// (a line number). The rows are then tracked as saved, as SaveChanges would have left them. SQL Server batches inserts
/// on its own, so there the rows go through SaveChanges.
/// </summary>
/// <remarks>
/// Columns, converters and parameters come from the EF model (each property's own type mapping), so the row is written
/// exactly as SaveChanges would write it; the command goes through EF's pipeline, interceptors (the command counter) included.
/// </remarks>
public static class MultiRowInsert
{
    public static async Task InsertAsync<T>(MemberGraphDb db, IReadOnlyList<T> rows, Expression<Func<T, int>> distinctBy, CancellationToken cancellationToken)
        where T : class
    {
        if (rows.Count == 0)
        {
            return;
        }

        if (db.Database.IsSqlServer())
        {
            db.Set<T>().AddRange(rows);
            await db.SaveChangesAsync(cancellationToken);
            return;
        }

        var entityType = db.Model.FindEntityType(typeof(T)) ?? throw new InvalidOperationException($"{typeof(T).Name} is not in the model.");
        var key = entityType.FindPrimaryKey()!.Properties.Single();
        var match = entityType.FindProperty(((MemberExpression)distinctBy.Body).Member.Name)!;
        var (sql, parameters) = Statement(db, entityType, key, rows);
        sql += Returning(db, entityType, key, match);
        var generated = await db.Database.SqlQueryRaw<GeneratedKey>(sql, parameters).ToListAsync(cancellationToken);
        if (generated.Count != rows.Count)
        {
            throw new InvalidOperationException($"Inserting {rows.Count} {typeof(T).Name} rows returned {generated.Count} keys.");
        }

        var keys = generated.ToDictionary(g => g.Match, g => g.Id);
        var matchOf = match.GetGetter();
        foreach (var row in rows)
        {
            key.PropertyInfo!.SetValue(row, keys[(int)matchOf.GetClrValue(row)!]);
            db.Entry(row).State = EntityState.Unchanged;
        }
    }

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

    private static string Returning(MemberGraphDb db, IEntityType entityType, IProperty key, IProperty match)
    {
        var table = StoreObjectIdentifier.Table(entityType.GetTableName()!, entityType.GetSchema());
        var names = db.GetService<ISqlGenerationHelper>();
        return new StringBuilder(" RETURNING ").Append(names.DelimitIdentifier(key.GetColumnName(table)!)).Append(" AS ").Append(names.DelimitIdentifier(nameof(GeneratedKey.Id)))
            .Append(", ").Append(names.DelimitIdentifier(match.GetColumnName(table)!)).Append(" AS ").Append(names.DelimitIdentifier(nameof(GeneratedKey.Match))).ToString();
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

    /// <summary>One inserted row's generated key and the value that tells it from the others.</summary>
    internal sealed class GeneratedKey
    {
        public long Id { get; set; }
        public int Match { get; set; }
    }
}

using System.Data;
using System.Globalization;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;

namespace MemberGraph.Data;

/// <summary>
/// One <see cref="MultiRowInsert"/> statement for a number of rows of one entity type on one provider: the SQL and its typed
/// parameters (p0, p1, ... row by row, column by column), built once from the EF model. Each run gives only the values.
/// </summary>
internal sealed class MultiRowStatement
{
    private readonly IReadOnlyList<IProperty> _columns;
    private readonly string[] _parameterNames;
    private readonly IProperty _key;
    private readonly IProperty _match;
    private readonly string _sql;
    private readonly string[] _providerNames;

    private MultiRowStatement(string sql, IReadOnlyList<IProperty> columns, string[] parameterNames, string[] providerNames, IProperty key, IProperty match)
    {
        _sql = sql;
        _columns = columns;
        _parameterNames = parameterNames;
        _providerNames = providerNames;
        _key = key;
        _match = match;
    }

    /// <summary>
    /// <c>INSERT INTO table (columns) VALUES (...), ... RETURNING key, match</c>, as a new command for one run: EF Core's
    /// commands keep their data reader for reuse, so one command run by two requests at once broke (a NullReferenceException in
    /// the reader's disposal, seen at 32 clients on PostgreSQL). The SQL text is what is built once.
    /// </summary>
    public IRelationalCommand CommandFor(MemberGraphDb db)
    {
        var builder = db.GetService<IRelationalCommandBuilderFactory>().Create();
        for (var i = 0; i < _parameterNames.Length; i++)
        {
            var column = _columns[i % _columns.Count];
            builder.AddParameter(_parameterNames[i], _providerNames[i], column.GetRelationalTypeMapping(), column.IsNullable, ParameterDirection.Input);
        }

        return builder.Append(_sql).Build();
    }

    public static MultiRowStatement Build(MemberGraphDb db, Type entity, string matchProperty, int rows)
    {
        var entityType = db.Model.FindEntityType(entity) ?? throw new InvalidOperationException($"{entity.Name} is not in the model.");
        var key = entityType.FindPrimaryKey()!.Properties.Single();
        var match = entityType.FindProperty(matchProperty) ?? throw new InvalidOperationException($"{entity.Name} has no property {matchProperty}.");
        var table = StoreObjectIdentifier.Table(entityType.GetTableName()!, entityType.GetSchema());
        var columns = entityType.GetProperties().Where(p => p != key).ToList();
        var names = db.GetService<ISqlGenerationHelper>();
        var parameterNames = new string[rows * columns.Count];
        var providerNames = new string[rows * columns.Count];

        var sql = new StringBuilder("INSERT INTO ").Append(names.DelimitIdentifier(table.Name, table.Schema)).Append(" (")
            .AppendJoin(", ", columns.Select(c => names.DelimitIdentifier(c.GetColumnName(table)!))).Append(") VALUES ");
        for (var r = 0; r < rows; r++)
        {
            sql.Append(r == 0 ? "(" : ", (");
            for (var c = 0; c < columns.Count; c++)
            {
                var name = "p" + (r * columns.Count + c).ToString(CultureInfo.InvariantCulture);
                parameterNames[r * columns.Count + c] = name;
                providerNames[r * columns.Count + c] = names.GenerateParameterName(name);
                sql.Append(c == 0 ? "" : ", ").Append(names.GenerateParameterNamePlaceholder(name));
            }

            sql.Append(')');
        }

        sql.Append(" RETURNING ").Append(names.DelimitIdentifier(key.GetColumnName(table)!))
            .Append(", ").Append(names.DelimitIdentifier(match.GetColumnName(table)!));
        return new MultiRowStatement(sql.ToString(), columns, parameterNames, providerNames, key, match);
    }

    /// <summary>
    /// The parameter values for <paramref name="rows"/>. On PostgreSQL a time is cut to microseconds and the row keeps what was
    /// written, as SaveChanges' interceptor does there.
    /// </summary>
    public Dictionary<string, object?> ValuesOf<T>(IReadOnlyList<T> rows, bool truncateToMicroseconds)
        where T : class
    {
        var values = new Dictionary<string, object?>(_parameterNames.Length);
        for (var r = 0; r < rows.Count; r++)
        {
            for (var c = 0; c < _columns.Count; c++)
            {
                var value = _columns[c].GetGetter().GetClrValue(rows[r]);
                if (truncateToMicroseconds && value is DateTime time)
                {
                    value = PostgresMicroseconds.Truncate(time);
                    _columns[c].PropertyInfo!.SetValue(rows[r], value);
                }

                values.Add(_parameterNames[r * _columns.Count + c], value);
            }
        }

        return values;
    }

    /// <summary>The value of the column that tells the rows apart, which RETURNING answers with each key.</summary>
    public int MatchOf(object row) => (int)_match.GetGetter().GetClrValue(row)!;

    public void SetKey(object row, long id) => _key.PropertyInfo!.SetValue(row, id);
}

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

    private MultiRowStatement(IRelationalCommand command, IReadOnlyList<IProperty> columns, string[] parameterNames, IProperty key, IProperty match)
    {
        Command = command;
        _columns = columns;
        _parameterNames = parameterNames;
        _key = key;
        _match = match;
    }

    /// <summary><c>INSERT INTO table (columns) VALUES (...), ... RETURNING key, match</c>.</summary>
    public IRelationalCommand Command { get; }

    public static MultiRowStatement Build(MemberGraphDb db, Type entity, string matchProperty, int rows)
    {
        var entityType = db.Model.FindEntityType(entity) ?? throw new InvalidOperationException($"{entity.Name} is not in the model.");
        var key = entityType.FindPrimaryKey()!.Properties.Single();
        var match = entityType.FindProperty(matchProperty) ?? throw new InvalidOperationException($"{entity.Name} has no property {matchProperty}.");
        var table = StoreObjectIdentifier.Table(entityType.GetTableName()!, entityType.GetSchema());
        var columns = entityType.GetProperties().Where(p => p != key).ToList();
        var names = db.GetService<ISqlGenerationHelper>();
        var builder = db.GetService<IRelationalCommandBuilderFactory>().Create();
        var parameterNames = new string[rows * columns.Count];

        var sql = new StringBuilder("INSERT INTO ").Append(names.DelimitIdentifier(table.Name, table.Schema)).Append(" (")
            .AppendJoin(", ", columns.Select(c => names.DelimitIdentifier(c.GetColumnName(table)!))).Append(") VALUES ");
        for (var r = 0; r < rows; r++)
        {
            sql.Append(r == 0 ? "(" : ", (");
            for (var c = 0; c < columns.Count; c++)
            {
                var name = "p" + (r * columns.Count + c).ToString(CultureInfo.InvariantCulture);
                parameterNames[r * columns.Count + c] = name;
                builder.AddParameter(name, names.GenerateParameterName(name), columns[c].GetRelationalTypeMapping(), columns[c].IsNullable, ParameterDirection.Input);
                sql.Append(c == 0 ? "" : ", ").Append(names.GenerateParameterNamePlaceholder(name));
            }

            sql.Append(')');
        }

        sql.Append(" RETURNING ").Append(names.DelimitIdentifier(key.GetColumnName(table)!))
            .Append(", ").Append(names.DelimitIdentifier(match.GetColumnName(table)!));
        builder.Append(sql.ToString());
        return new MultiRowStatement(builder.Build(), columns, parameterNames, key, match);
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

using System.Collections.Concurrent;
using System.Data;
using System.Globalization;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;

namespace MemberGraph.Data;

/// <summary>
/// One <see cref="MultiRowInsert"/> statement for a number of rows of one entity type on one provider: <c>INSERT INTO table
/// (columns) VALUES (...), ...</c>, optionally <c>RETURNING key</c> or <c>RETURNING key, match</c>, with its typed parameters
/// (p0, p1, ... row by row, column by column). The SQL, the parameter names and the columns' getters are worked out once
/// from the EF model; each run gives only the values.
/// </summary>
internal sealed class MultiRowStatement
{
    // Keyed by the provider's context type (each has its own model and SQL), the entity type, what comes back and the number of
    // rows: list inputs are capped at 100 and statements without keys take at most 100 rows, so this holds at most a few hundred
    // statements. Immutable once built, like EF's own query cache.
    private static readonly ConcurrentDictionary<(Type Context, Type Entity, int Rows, bool ReturnsKey, string? Match), MultiRowStatement> Built = new();

    private readonly IProperty[] _columns;
    private readonly IClrPropertyGetter[] _getters;
    private readonly string[] _parameterNames;
    private readonly string[] _providerNames;
    private readonly Dictionary<string, int> _parameterIndex;
    private readonly IProperty _key;
    private readonly IProperty? _match;
    private readonly string _sql;
    private IReadOnlyList<IRelationalParameter>? _parameters; // built on the first run, from the provider's type mappings; the same list every time

    private MultiRowStatement(string sql, IProperty[] columns, string[] parameterNames, string[] providerNames, IProperty key, IProperty? match)
    {
        _sql = sql;
        _columns = columns;
        _getters = [.. columns.Select(c => c.GetGetter())];
        _parameterNames = parameterNames;
        _providerNames = providerNames;
        _parameterIndex = parameterNames.Select((name, i) => (name, i)).ToDictionary(p => p.name, p => p.i);
        _key = key;
        _match = match;
    }

    /// <summary>
    /// The statement for <paramref name="rows"/> rows of <paramref name="entity"/>: answering nothing, the generated key
    /// (<paramref name="returnsKey"/>, one row), or each row's key with the value of <paramref name="match"/> that tells it apart.
    /// </summary>
    public static MultiRowStatement For(MemberGraphDb db, Type entity, int rows, bool returnsKey, string? match = null) =>
        Built.GetOrAdd((db.GetType(), entity, rows, returnsKey, match), key => Build(db, key.Entity, key.Rows, key.ReturnsKey, key.Match, "p"));

    /// <summary>
    /// A statement without RETURNING whose parameters are named <paramref name="prefix"/>0, 1, ..., for one command that holds several
    /// statements (<see cref="MultiRowBatch"/>, which keeps it); not cached here.
    /// </summary>
    internal static MultiRowStatement PartOfBatch(MemberGraphDb db, Type entity, int rows, string prefix) => Build(db, entity, rows, returnsKey: false, null, prefix);

    /// <summary>
    /// The statement as a new command for one run: EF Core's commands keep their data reader for reuse, so one command run by
    /// two requests at once broke (a NullReferenceException in the reader's disposal, seen at 32 clients on PostgreSQL). The SQL
    /// text and the typed parameters, which hold no state of a run, are what is built once.
    /// </summary>
    public IRelationalCommand CommandFor(MemberGraphDb db) =>
        new RelationalCommand(db.GetService<RelationalCommandBuilderDependencies>(), _sql, _sql, _parameters ??= ParametersOf(db));

    private IReadOnlyList<IRelationalParameter> ParametersOf(MemberGraphDb db)
    {
        var builder = db.GetService<IRelationalCommandBuilderFactory>().Create();
        AddParameters(builder);
        return builder.Append(_sql).Build().Parameters;
    }

    /// <summary>
    /// What a run of the command needs: the context's connection and loggers, and the values of <paramref name="rows"/>. On
    /// PostgreSQL a time is cut to microseconds and the row keeps what was written, as SaveChanges' interceptor does there.
    /// </summary>
    public RelationalCommandParameterObject ParametersFor<T>(MemberGraphDb db, IReadOnlyList<T> rows, CommandSource source)
        where T : class
    {
        var values = new object?[_parameterNames.Length];
        FillValues(db, rows, values, 0);
        return ParameterObject(db, _parameterIndex, values, source);
    }

    /// <summary>The statement's SQL text, its parameters named with the prefix it was built with.</summary>
    internal string Sql => _sql;

    internal IReadOnlyList<string> ParameterNames => _parameterNames;

    /// <summary>Adds the statement's typed parameters to <paramref name="builder"/> (a command of several statements, <see cref="MultiRowBatch"/>).</summary>
    internal void AddParameters(IRelationalCommandBuilder builder)
    {
        for (var i = 0; i < _parameterNames.Length; i++)
        {
            var column = _columns[i % _columns.Length];
            builder.AddParameter(_parameterNames[i], _providerNames[i], column.GetRelationalTypeMapping(), column.IsNullable, ParameterDirection.Input);
        }
    }

    /// <summary>Writes the values of <paramref name="rows"/> into <paramref name="values"/> from <paramref name="offset"/>, in parameter order.</summary>
    internal void FillValues<T>(MemberGraphDb db, IReadOnlyList<T> rows, object?[] values, int offset)
        where T : class
    {
        var truncateToMicroseconds = db.Engine == DatabaseKind.Postgres;
        for (var r = 0; r < rows.Count; r++)
        {
            for (var c = 0; c < _columns.Length; c++)
            {
                var value = _getters[c].GetClrValue(rows[r]);
                if (truncateToMicroseconds && value is DateTime time)
                {
                    value = PostgresMicroseconds.Truncate(time);
                    _columns[c].PropertyInfo!.SetValue(rows[r], value);
                }

                values[offset + r * _columns.Length + c] = value;
            }
        }
    }

    /// <summary>What a run of a command needs: the context's connection and loggers, and the values by parameter name.</summary>
    internal static RelationalCommandParameterObject ParameterObject(MemberGraphDb db, Dictionary<string, int> index, object?[] values, CommandSource source) =>
        new(db.GetService<IRelationalConnection>(), new StatementValues(index, values), null, db, db.GetService<IRelationalCommandDiagnosticsLogger>(), source);

    /// <summary>The value of the column that tells the rows apart, which RETURNING answers with each key.</summary>
    public int MatchOf(object row) => (int)_match!.GetGetter().GetClrValue(row)!;

    public void SetKey(object row, long id) => _key.PropertyInfo!.SetValue(row, id);

    private static MultiRowStatement Build(MemberGraphDb db, Type entity, int rows, bool returnsKey, string? matchProperty, string prefix)
    {
        var entityType = db.Model.FindEntityType(entity) ?? throw new InvalidOperationException($"{entity.Name} is not in the model.");
        var key = entityType.FindPrimaryKey()!.Properties.Single();
        var match = matchProperty is null
            ? null
            : entityType.FindProperty(matchProperty) ?? throw new InvalidOperationException($"{entity.Name} has no property {matchProperty}.");
        var table = StoreObjectIdentifier.Table(entityType.GetTableName()!, entityType.GetSchema());
        IProperty[] columns = [.. entityType.GetProperties().Where(p => p != key)];
        var names = db.GetService<ISqlGenerationHelper>();
        var parameterNames = new string[rows * columns.Length];
        var providerNames = new string[rows * columns.Length];

        var sql = new StringBuilder("INSERT INTO ").Append(names.DelimitIdentifier(table.Name, table.Schema)).Append(" (")
            .AppendJoin(", ", columns.Select(c => names.DelimitIdentifier(c.GetColumnName(table)!))).Append(") VALUES ");
        for (var r = 0; r < rows; r++)
        {
            sql.Append(r == 0 ? "(" : ", (");
            for (var c = 0; c < columns.Length; c++)
            {
                var name = prefix + (r * columns.Length + c).ToString(CultureInfo.InvariantCulture);
                parameterNames[r * columns.Length + c] = name;
                providerNames[r * columns.Length + c] = names.GenerateParameterName(name);
                sql.Append(c == 0 ? "" : ", ").Append(names.GenerateParameterNamePlaceholder(name));
            }

            sql.Append(')');
        }

        if (returnsKey)
        {
            sql.Append(" RETURNING ").Append(names.DelimitIdentifier(key.GetColumnName(table)!));
            if (match is not null)
            {
                sql.Append(", ").Append(names.DelimitIdentifier(match.GetColumnName(table)!));
            }
        }

        return new MultiRowStatement(sql.ToString(), columns, parameterNames, providerNames, key, match);
    }

    /// <summary>
    /// The parameter values of one run as EF's command reads them (by parameter name): an array of them behind the name-to-index
    /// map the statement keeps, rather than a dictionary filled afresh for each run.
    /// </summary>
    private sealed class StatementValues(Dictionary<string, int> index, object?[] values) : IReadOnlyDictionary<string, object?>
    {
        public object? this[string key] => values[index[key]];

        public IEnumerable<string> Keys => index.Keys;

        public IEnumerable<object?> Values => values;

        public int Count => values.Length;

        public bool ContainsKey(string key) => index.ContainsKey(key);

        public bool TryGetValue(string key, out object? value)
        {
            if (index.TryGetValue(key, out var i))
            {
                value = values[i];
                return true;
            }

            value = null;
            return false;
        }

        public IEnumerator<KeyValuePair<string, object?>> GetEnumerator() =>
            index.Select(p => new KeyValuePair<string, object?>(p.Key, values[p.Value])).GetEnumerator();

        System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => GetEnumerator();
    }
}

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
/// (SQL Server reads those with QUOTED_IDENTIFIER on, its default). It runs inside write turns (every coupon claim), so the
/// statement and its typed parameters are built once per engine, entity, guard text and guard value types, and each run is a
/// relational command as <see cref="SqlRead{TRow}"/> runs one, not a raw-SQL query through EF's LINQ pipeline.
/// </remarks>
public static class GuardedInsert
{
    private static readonly ConcurrentDictionary<(Type Context, Type Entity, string Guard, string GuardTypes), Statement> Built = new();

    /// <summary>Inserts <paramref name="row"/> when <paramref name="guard"/> holds and sets its generated key; false when it did not hold.</summary>
    public static async Task<bool> InsertIfAsync<T>(MemberGraphDb db, T row, FormattableString guard, CancellationToken cancellationToken)
        where T : class
    {
        var arguments = guard.GetArguments();
        var types = string.Join(",", arguments.Select(a => a?.GetType().FullName ?? "null"));
        var statement = Built.GetOrAdd((db.GetType(), typeof(T), guard.Format, types), key => Statement.Build(db, key.Entity, guard));
        await using var reader = await statement.CommandFor(db).ExecuteReaderAsync(statement.ParametersFor(db, row, arguments), cancellationToken);
        if (!await reader.ReadAsync(cancellationToken))
        {
            return false;
        }

        statement.SetKey(row, Convert.ToInt64(reader.DbDataReader.GetValue(0), CultureInfo.InvariantCulture));
        return true;
    }

    /// <summary>One guarded insert as rendered for an engine: its text, the row's columns and the guard's values as typed parameters.</summary>
    private sealed class Statement
    {
        private readonly string _sql;
        private readonly IProperty _key;
        private readonly IProperty[] _columns;
        private readonly (string Name, string ProviderName, RelationalTypeMapping Mapping, bool Nullable)[] _parameters;
        private IReadOnlyList<IRelationalParameter>? _typed;

        private Statement(string sql, IProperty key, IProperty[] columns, (string, string, RelationalTypeMapping, bool)[] parameters)
        {
            _sql = sql;
            _key = key;
            _columns = columns;
            _parameters = parameters;
        }

        public static Statement Build(MemberGraphDb db, Type entity, FormattableString guard)
        {
            var entityType = db.Model.FindEntityType(entity) ?? throw new InvalidOperationException($"{entity.Name} is not in the model.");
            var key = entityType.FindPrimaryKey()!.Properties.Single();
            var table = StoreObjectIdentifier.Table(entityType.GetTableName()!, entityType.GetSchema());
            IProperty[] columns = [.. entityType.GetProperties().Where(p => p != key)];
            var names = db.GetService<ISqlGenerationHelper>();
            var types = db.GetService<IRelationalTypeMappingSource>();
            var sqlServer = db.Engine == DatabaseKind.SqlServer;
            var parameters = new List<(string, string, RelationalTypeMapping, bool)>(columns.Length + guard.ArgumentCount);
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
                var name = "p" + parameters.Count.ToString(CultureInfo.InvariantCulture);
                parameters.Add((name, names.GenerateParameterName(name), column.GetRelationalTypeMapping(), column.IsNullable));
                sql.Append(parameters.Count == 1 ? "" : ", ").Append(names.GenerateParameterNamePlaceholder(name));
            }

            var placeholders = new object[guard.ArgumentCount];
            for (var i = 0; i < guard.ArgumentCount; i++)
            {
                var name = "g" + i.ToString(CultureInfo.InvariantCulture);
                var type = guard.GetArgument(i)?.GetType() ?? typeof(string);
                var mapping = types.FindMapping(type, db.Model) ?? throw new InvalidOperationException($"The engine maps no {type.Name} (guard value {i}).");
                parameters.Add((name, names.GenerateParameterName(name), mapping, true));
                placeholders[i] = names.GenerateParameterNamePlaceholder(name);
            }

            sql.Append(" WHERE ").Append(string.Format(CultureInfo.InvariantCulture, guard.Format, placeholders));
            if (!sqlServer)
            {
                sql.Append(" RETURNING ").Append(keyColumn).Append(" AS ").Append(names.DelimitIdentifier("Value"));
            }

            return new Statement(sql.ToString(), key, columns, [.. parameters]);
        }

        /// <summary>A new command per run (EF's commands keep their data reader); the typed parameters are built once.</summary>
        public IRelationalCommand CommandFor(MemberGraphDb db) =>
            new RelationalCommand(db.GetService<RelationalCommandBuilderDependencies>(), _sql, _sql, _typed ??= Typed(db));

        /// <summary>The row's values and the guard's; on PostgreSQL a time is cut to microseconds and the row keeps what was written.</summary>
        public RelationalCommandParameterObject ParametersFor(MemberGraphDb db, object row, object?[] guard)
        {
            var truncateToMicroseconds = db.Engine == DatabaseKind.Postgres;
            var values = new Dictionary<string, object?>(_parameters.Length);
            for (var c = 0; c < _columns.Length; c++)
            {
                var value = _columns[c].GetGetter().GetClrValue(row);
                if (truncateToMicroseconds && value is DateTime time)
                {
                    value = PostgresMicroseconds.Truncate(time);
                    _columns[c].PropertyInfo!.SetValue(row, value); // what the row holds, as SaveChanges' interceptor does
                }

                values.Add(_parameters[c].Name, value);
            }

            for (var i = 0; i < guard.Length; i++)
            {
                values.Add(_parameters[_columns.Length + i].Name, guard[i]);
            }

            return new RelationalCommandParameterObject(db.GetService<IRelationalConnection>(), values, null, db,
                db.GetService<IRelationalCommandDiagnosticsLogger>(), CommandSource.FromSqlQuery);
        }

        public void SetKey(object row, long id) => _key.PropertyInfo!.SetValue(row, id);

        private IReadOnlyList<IRelationalParameter> Typed(MemberGraphDb db)
        {
            var builder = db.GetService<IRelationalCommandBuilderFactory>().Create();
            foreach (var (name, providerName, mapping, nullable) in _parameters)
            {
                builder.AddParameter(name, providerName, mapping, nullable, ParameterDirection.Input);
            }

            return builder.Append(_sql).Build().Parameters;
        }
    }
}

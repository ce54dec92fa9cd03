using System.Collections;
using System.Data;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Storage;

namespace MemberGraph.Data;

/// <summary>
/// A <see cref="SqlRead{TRow}"/> as rendered for one engine (and one list size): the SQL text and its typed parameters. A list of
/// n values fills its padded number of placeholders, the last value repeated (IN is the same with a value twice).
/// </summary>
internal sealed class SqlStatement
{
    private readonly string _sql;
    private readonly Parameter[] _parameters;
    private IReadOnlyList<IRelationalParameter>? _typed;

    private SqlStatement(string sql, Parameter[] parameters)
    {
        _sql = sql;
        _parameters = parameters;
    }

    public static SqlStatement Build(MemberGraphDb db, Func<SqlDialect, string> text, SqlArg[] args, int listSize)
    {
        var dialect = SqlDialect.Of(db);
        var expand = args.Where(a => a.IsList).ToDictionary(a => a.Name, _ => listSize);
        var (sql, used) = dialect.Render(text(dialect), expand);
        var unknown = used.Except(args.Select(a => a.Name)).ToList();
        if (unknown.Count > 0 || used.Count != args.Length)
        {
            throw new InvalidOperationException($"The text uses @{string.Join(", @", used)} but declares {string.Join(", ", args.Select(a => a.Name))}.");
        }

        var types = db.GetService<IRelationalTypeMappingSource>();
        var parameters = new List<Parameter>();
        for (var i = 0; i < args.Length; i++)
        {
            var mapping = args[i].MappingIn(db.Model, types);
            if (args[i].IsList)
            {
                for (var n = 0; n < listSize; n++)
                {
                    var name = args[i].Name + "_" + n;
                    parameters.Add(new Parameter(name, dialect.ParameterName(name), mapping, i, n));
                }
            }
            else
            {
                parameters.Add(new Parameter(args[i].Name, dialect.ParameterName(args[i].Name), mapping, i, -1));
            }
        }

        return new SqlStatement(sql, [.. parameters]);
    }

    /// <summary>
    /// A new command for one run: EF Core's commands keep their data reader, so one command cannot serve two requests at once.
    /// The typed parameters hold nothing of a run and are built once, as <see cref="MultiRowStatement"/> does.
    /// </summary>
    public IRelationalCommand CommandFor(MemberGraphDb db) =>
        new RelationalCommand(db.GetService<RelationalCommandBuilderDependencies>(), _sql, _sql, _typed ??= TypedParameters(db));

    private IReadOnlyList<IRelationalParameter> TypedParameters(MemberGraphDb db)
    {
        var builder = db.GetService<IRelationalCommandBuilderFactory>().Create();
        foreach (var parameter in _parameters)
        {
            builder.AddParameter(parameter.Name, parameter.ProviderName, parameter.Mapping, nullable: true, ParameterDirection.Input);
        }

        return builder.Append(_sql).Build().Parameters;
    }

    /// <summary>The text as sent to this engine.</summary>
    public string Sql => _sql;

    public Dictionary<string, object?> ValuesOf(object?[] values)
    {
        var byName = new Dictionary<string, object?>(_parameters.Length);
        foreach (var parameter in _parameters)
        {
            var value = values[parameter.Arg];
            if (parameter.Item >= 0)
            {
                var list = (IList)value!;
                value = list.Count == 0 ? null : list[Math.Min(parameter.Item, list.Count - 1)];
            }

            byName.Add(parameter.Name, value);
        }

        return byName;
    }

    private sealed record Parameter(string Name, string ProviderName, RelationalTypeMapping Mapping, int Arg, int Item);
}

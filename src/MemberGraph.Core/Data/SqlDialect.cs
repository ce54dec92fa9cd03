using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Storage;

namespace MemberGraph.Data;

/// <summary>
/// What differs between the engines in a <see cref="SqlRead{TRow}"/>'s text, said once: where a statement answers the rows it
/// changed (<c>RETURNING *</c> at the end on SQLite and PostgreSQL, <c>OUTPUT INSERTED.*</c> before the WHERE on SQL Server) and
/// how a read is capped (<c>LIMIT</c> after, <c>TOP</c> after SELECT). Identifiers and parameters are written once in the text,
/// <c>"Name"</c> and <c>@name</c>, and put in each engine's form by <see cref="Render"/>.
/// </summary>
public sealed class SqlDialect
{
    private readonly ISqlGenerationHelper _names;

    private SqlDialect(bool sqlServer, ISqlGenerationHelper names)
    {
        IsSqlServer = sqlServer;
        _names = names;
    }

    public bool IsSqlServer { get; }

    /// <summary>Between an UPDATE's SET and WHERE: SQL Server's way of answering the changed rows.</summary>
    public string OutputInserted => IsSqlServer ? "OUTPUT INSERTED.*" : "";

    /// <summary>At the end of an UPDATE: the other engines' way of answering the changed rows.</summary>
    public string Returning => IsSqlServer ? "" : "RETURNING *";

    /// <summary>After SELECT: SQL Server's cap on the rows read.</summary>
    public string Top(int rows) => IsSqlServer ? $"TOP ({rows})" : "";

    /// <summary>At the end of a SELECT: the other engines' cap on the rows read.</summary>
    public string Limit(int rows) => IsSqlServer ? "" : $"LIMIT {rows}";

    internal static SqlDialect Of(MemberGraphDb db) => new(db.Engine == DatabaseKind.SqlServer, db.GetService<ISqlGenerationHelper>());

    /// <summary>
    /// The text in this engine's form: each <c>"identifier"</c> delimited as the engine delimits it and each <c>@name</c> as its
    /// parameter placeholder (<paramref name="expand"/> names list parameters and how many placeholders each stands for);
    /// string literals are left as written. Answers the parameter names in the order they first appear.
    /// </summary>
    internal (string Sql, List<string> Parameters) Render(string text, IReadOnlyDictionary<string, int> expand)
    {
        var sql = new StringBuilder(text.Length + 32);
        var parameters = new List<string>();
        for (var i = 0; i < text.Length;)
        {
            var c = text[i];
            if (c == '\'')
            {
                var end = text.IndexOf('\'', i + 1);
                end = end < 0 ? text.Length - 1 : end;
                sql.Append(text, i, end - i + 1);
                i = end + 1;
            }
            else if (c == '"')
            {
                var end = text.IndexOf('"', i + 1);
                if (end < 0)
                {
                    throw new FormatException($"Unclosed identifier in: {text}");
                }

                sql.Append(_names.DelimitIdentifier(text[(i + 1)..end]));
                i = end + 1;
            }
            else if (c == '@' && i + 1 < text.Length && char.IsLetter(text[i + 1]))
            {
                var end = i + 1;
                while (end < text.Length && (char.IsLetterOrDigit(text[end]) || text[end] == '_'))
                {
                    end++;
                }

                var name = text[(i + 1)..end];
                if (!parameters.Contains(name))
                {
                    parameters.Add(name);
                }

                if (expand.TryGetValue(name, out var count))
                {
                    for (var n = 0; n < count; n++)
                    {
                        sql.Append(n == 0 ? "" : ", ").Append(_names.GenerateParameterNamePlaceholder(name + "_" + n));
                    }
                }
                else
                {
                    sql.Append(_names.GenerateParameterNamePlaceholder(name));
                }

                i = end;
            }
            else
            {
                sql.Append(c);
                i++;
            }
        }

        return (sql.ToString(), parameters);
    }

    internal string ParameterName(string name) => _names.GenerateParameterName(name);
}

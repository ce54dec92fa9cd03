using System.Collections.Concurrent;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Storage;

namespace MemberGraph.Data;

/// <summary>
/// A statement that answers no rows (an UPDATE that only counts), run as <see cref="SqlRead{TRow}"/> runs its reads: text rendered
/// once per engine, parameters typed from the EF model, an <see cref="IRelationalCommand"/> in the context's transaction, none of
/// EF's LINQ pipeline (which <c>ExecuteUpdate</c> goes through on every run).
/// </summary>
public sealed class SqlWrite(Func<SqlDialect, string> text, params SqlArg[] args)
{
    private readonly ConcurrentDictionary<Type, SqlStatement> _statements = new();

    /// <summary>Runs the statement with <paramref name="values"/> (in the order of the declared parameters); answers the rows it changed.</summary>
    public Task<int> ExecuteAsync(MemberGraphDb db, object?[] values, CancellationToken cancellationToken)
    {
        if (values.Length != args.Length || args.Any(a => a.IsList))
        {
            throw new ArgumentException($"The statement takes {args.Length} single values.", nameof(values));
        }

        var statement = _statements.GetOrAdd(db.GetType(), _ => SqlStatement.Build(db, text, args, 0));
        var parameters = new RelationalCommandParameterObject(db.GetService<IRelationalConnection>(), statement.ValuesOf(values), null, db,
            db.GetService<IRelationalCommandDiagnosticsLogger>(), CommandSource.ExecuteUpdate);
        return statement.CommandFor(db).ExecuteNonQueryAsync(parameters, cancellationToken);
    }
}

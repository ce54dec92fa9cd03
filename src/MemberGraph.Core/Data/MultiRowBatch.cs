using System.Collections.Concurrent;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Storage;

namespace MemberGraph.Data;

/// <summary>
/// Rows of several entity types whose keys nobody reads, as one command: a multi-row INSERT per type, one after the other
/// (a claim's coupon history entry and its audit line at the commit, <see cref="RowsAtCommit"/>). On PostgreSQL and SQL Server
/// that is one round trip instead of one per type, inside the transaction that holds its row locks until the commit;
/// on SQLite one command through EF's pipeline instead of two. Built once per provider and shape (the types in order, and
/// how many rows of each), like <see cref="MultiRowStatement"/>; each part names its parameters apart (<c>b0_0</c>, <c>b1_0</c>, ...).
/// </summary>
internal sealed class MultiRowBatch
{
    /// <summary>Rows in one batch at most, all types together: keeps the shapes, and so the cached batches, few.</summary>
    public const int MostRows = 12;

    private static readonly ConcurrentDictionary<(Type Context, string Shape), MultiRowBatch> Built = new();

    private readonly MultiRowStatement[] _parts;
    private readonly string _sql;
    private readonly Dictionary<string, int> _parameterIndex;
    private IReadOnlyList<IRelationalParameter>? _parameters;

    private MultiRowBatch(MultiRowStatement[] parts)
    {
        _parts = parts;
        _sql = string.Join(";\n", parts.Select(p => p.Sql));
        _parameterIndex = parts.SelectMany(p => p.ParameterNames).Select((name, i) => (name, i)).ToDictionary(p => p.name, p => p.i);
    }

    /// <summary>The batch for <paramref name="groups"/>: each a list of rows of one entity type, in the order they go in.</summary>
    public static MultiRowBatch For(MemberGraphDb db, IReadOnlyList<IReadOnlyList<object>> groups)
    {
        var shape = string.Join('|', groups.Select(g => $"{g[0].GetType().FullName}:{g.Count}"));
        return Built.GetOrAdd((db.GetType(), shape), _ => new MultiRowBatch(
            [.. groups.Select((g, i) => MultiRowStatement.PartOfBatch(db, g[0].GetType(), g.Count, $"b{i}_"))]));
    }

    public async Task RunAsync(MemberGraphDb db, IReadOnlyList<IReadOnlyList<object>> groups, CancellationToken cancellationToken) =>
        await CommandFor(db).ExecuteNonQueryAsync(ParametersFor(db, groups), cancellationToken);

    public void Run(MemberGraphDb db, IReadOnlyList<IReadOnlyList<object>> groups) =>
        CommandFor(db).ExecuteNonQuery(ParametersFor(db, groups));

    /// <summary>A new command for each run (see <see cref="MultiRowStatement.CommandFor"/>); the text and typed parameters are built once.</summary>
    private IRelationalCommand CommandFor(MemberGraphDb db) =>
        new RelationalCommand(db.GetService<RelationalCommandBuilderDependencies>(), _sql, _sql, _parameters ??= ParametersOf(db));

    private IReadOnlyList<IRelationalParameter> ParametersOf(MemberGraphDb db)
    {
        var builder = db.GetService<IRelationalCommandBuilderFactory>().Create();
        foreach (var part in _parts)
        {
            part.AddParameters(builder);
        }

        return builder.Append(_sql).Build().Parameters;
    }

    private RelationalCommandParameterObject ParametersFor(MemberGraphDb db, IReadOnlyList<IReadOnlyList<object>> groups)
    {
        var values = new object?[_parameterIndex.Count];
        var offset = 0;
        for (var i = 0; i < _parts.Length; i++)
        {
            _parts[i].FillValues(db, groups[i], values, offset);
            offset += _parts[i].ParameterNames.Count;
        }

        return MultiRowStatement.ParameterObject(db, _parameterIndex, values, CommandSource.ExecuteSqlRaw);
    }
}

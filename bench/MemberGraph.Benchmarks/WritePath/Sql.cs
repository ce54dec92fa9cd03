using System.Data.Common;

namespace MemberGraph.Benchmarks.WritePath;

/// <summary>
/// Plain ADO.NET on the context's own connection and transaction: what the hand-written endpoints send. Their commands
/// do not pass EF Core's interceptors, so <see cref="HandWrittenStatements"/> counts them as <c>SqlCommandCounter</c> counts EF's.
/// </summary>
internal sealed class Sql(DbConnection connection, DbTransaction transaction, HandWrittenStatements statements)
{
    public DbCommand Command(string text, params (string Name, object? Value)[] parameters)
    {
        statements.Increment();
        var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = text;
        foreach (var (name, value) in parameters)
        {
            Add(command, name, value);
        }

        return command;
    }

    public static void Add(DbCommand command, string name, object? value)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = name;
        parameter.Value = value ?? DBNull.Value;
        command.Parameters.Add(parameter);
    }

    public async Task<int> ExecuteAsync(string text, CancellationToken cancellationToken, params (string Name, object? Value)[] parameters)
    {
        await using var command = Command(text, parameters);
        return await command.ExecuteNonQueryAsync(cancellationToken);
    }
}

/// <summary>How many commands the hand-written endpoints sent (one per <see cref="Sql.Command"/>).</summary>
internal sealed class HandWrittenStatements
{
    private long _count;

    public long Count => Interlocked.Read(ref _count);

    public void Increment() => Interlocked.Increment(ref _count);
}

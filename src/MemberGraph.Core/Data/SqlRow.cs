using System.Data.Common;

namespace MemberGraph.Data;

/// <summary>
/// The current row of a <see cref="SqlRead{TRow}"/>: a value by position, or the whole row as an entity (columns found by name),
/// each converted as EF converts it (times marked UTC, enums from the text they are stored as, nulls as null).
/// </summary>
public sealed class SqlRow
{
    private readonly MemberGraphDb _db;
    private Type? _entityType;
    private int[]? _ordinals;

    internal SqlRow(MemberGraphDb db, DbDataReader reader)
    {
        _db = db;
        Reader = reader;
    }

    internal DbDataReader Reader { get; }

    /// <summary>The value in column <paramref name="ordinal"/> as a <typeparamref name="T"/> (a nullable type reads null as null).</summary>
    public T Get<T>(int ordinal) => RowReaders.ValueReader<T>(_db)(Reader, ordinal);

    /// <summary>The row as a new, untracked <typeparamref name="TEntity"/>: every mapped property from the column of its name.</summary>
    public TEntity Entity<TEntity>()
        where TEntity : class
    {
        var materializer = RowReaders.EntityReader<TEntity>(_db);
        if (_entityType != typeof(TEntity))
        {
            // Columns are found by name once per statement run; every row of the run has them in the same places.
            _ordinals = materializer.OrdinalsIn(Reader);
            _entityType = typeof(TEntity);
        }

        return materializer.Read(Reader, _ordinals!);
    }
}

using System.Data.Common;

namespace MemberGraph.Data;

/// <summary>
/// The current row of a <see cref="SqlRead{TRow}"/>: a value by position, or the whole row as an entity (columns found by name),
/// each converted as EF converts it (times marked UTC, enums from the text they are stored as, nulls as null).
/// </summary>
public sealed class SqlRow
{
    private readonly MemberGraphDb _db;

    // Where each entity's columns were found in this run (every row of a run has them in the same places): a row holds one or
    // two entities, so a short list.
    private readonly List<(Type Entity, int From, int[] Ordinals)> _found = new(2);

    internal SqlRow(MemberGraphDb db, DbDataReader reader)
    {
        _db = db;
        Reader = reader;
    }

    internal DbDataReader Reader { get; }

    /// <summary>
    /// The value in column <paramref name="ordinal"/> as a <typeparamref name="T"/>: a number, a string or a flag (a nullable
    /// type reads null as null). A time or an enum is read as its column: <see cref="Column{TEntity, TValue}"/>.
    /// </summary>
    public T Get<T>(int ordinal) => RowReaders.ValueReader<T>(_db)(Reader, ordinal);

    /// <summary>The value in column <paramref name="ordinal"/>, read and converted as <typeparamref name="TEntity"/>'s <paramref name="property"/>.</summary>
    public TValue Column<TEntity, TValue>(int ordinal, string property) => RowReaders.ColumnReader<TEntity, TValue>(_db, property)(Reader, ordinal);

    /// <summary>
    /// The row as a new, untracked <typeparamref name="TEntity"/>: every mapped property from the column of its name, the first
    /// such column at or after <paramref name="from"/> (for a row that joins two tables with column names in common).
    /// </summary>
    public TEntity Entity<TEntity>(int from = 0)
        where TEntity : class
    {
        var reader = RowReaders.EntityReader<TEntity>(_db);
        return reader.Read(Reader, OrdinalsOf(typeof(TEntity), from, reader));
    }

    /// <summary>The first column after those <typeparamref name="TEntity"/> was read from: where the next table's columns start.</summary>
    public int After<TEntity>()
    {
        foreach (var found in _found)
        {
            if (found.Entity == typeof(TEntity))
            {
                return found.Ordinals.Max() + 1;
            }
        }

        throw new InvalidOperationException($"No {typeof(TEntity).Name} was read from this row yet.");
    }

    private int[] OrdinalsOf<TEntity>(Type entity, int from, EntityReader<TEntity> reader)
        where TEntity : class
    {
        foreach (var found in _found)
        {
            if (found.Entity == entity && found.From == from)
            {
                return found.Ordinals;
            }
        }

        var ordinals = reader.OrdinalsIn(Reader, from);
        _found.Add((entity, from, ordinals));
        return ordinals;
    }
}

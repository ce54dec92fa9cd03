using System.Collections.Concurrent;
using System.Data.Common;
using System.Linq.Expressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;

namespace MemberGraph.Data;

/// <summary>
/// Readers of values and entities from a data reader, built once per provider model from its type mappings (the data reader
/// method EF uses for the column and the property's value converter) and compiled once, so a run costs no code generation.
/// </summary>
internal static class RowReaders
{
    private static readonly ConcurrentDictionary<(Type Context, Type Value), Delegate> Values = new();
    private static readonly ConcurrentDictionary<(Type Context, Type Entity), object> Entities = new();
    private static readonly ConcurrentDictionary<(Type Context, Type Entity, string Property), Delegate> Columns = new();
    private static readonly System.Reflection.MethodInfo IsDBNull = typeof(DbDataReader).GetMethod(nameof(DbDataReader.IsDBNull), [typeof(int)])!;

    public static Func<DbDataReader, int, T> ValueReader<T>(MemberGraphDb db) =>
        (Func<DbDataReader, int, T>)Values.GetOrAdd((db.GetType(), typeof(T)), _ =>
        {
            var type = Nullable.GetUnderlyingType(typeof(T)) ?? typeof(T);
            if (type.IsEnum || type == typeof(DateTime))
            {
                throw new InvalidOperationException($"A {type.Name} is read as its column says: SqlRow.Column<TEntity, TValue>(ordinal, property).");
            }

            var mapping = db.GetService<IRelationalTypeMappingSource>().FindMapping(type, db.Model)
                ?? throw new InvalidOperationException($"The engine maps no {type.Name}.");
            var reader = Expression.Parameter(typeof(DbDataReader), "reader");
            var ordinal = Expression.Parameter(typeof(int), "ordinal");
            var nullable = !typeof(T).IsValueType || Nullable.GetUnderlyingType(typeof(T)) is not null;
            return Expression.Lambda<Func<DbDataReader, int, T>>(ValueOf(reader, ordinal, mapping, typeof(T), nullable), reader, ordinal).Compile();
        });

    public static Func<DbDataReader, int, TValue> ColumnReader<TEntity, TValue>(MemberGraphDb db, string property) =>
        (Func<DbDataReader, int, TValue>)Columns.GetOrAdd((db.GetType(), typeof(TEntity), property), _ =>
        {
            var column = db.Model.FindEntityType(typeof(TEntity))?.FindProperty(property)
                ?? throw new InvalidOperationException($"{typeof(TEntity).Name}.{property} is not in the model.");
            var reader = Expression.Parameter(typeof(DbDataReader), "reader");
            var ordinal = Expression.Parameter(typeof(int), "ordinal");
            var nullable = !typeof(TValue).IsValueType || Nullable.GetUnderlyingType(typeof(TValue)) is not null;
            var value = ValueOf(reader, ordinal, column.GetRelationalTypeMapping(), typeof(TValue), nullable);
            return Expression.Lambda<Func<DbDataReader, int, TValue>>(value, reader, ordinal).Compile();
        });

    public static EntityReader<T> EntityReader<T>(MemberGraphDb db)
        where T : class =>
        (EntityReader<T>)Entities.GetOrAdd((db.GetType(), typeof(T)), _ => Build<T>(db.Model));

    private static EntityReader<T> Build<T>(IModel model)
        where T : class
    {
        var entityType = model.FindEntityType(typeof(T)) ?? throw new InvalidOperationException($"{typeof(T).Name} is not in the model.");
        var table = StoreObjectIdentifier.Table(entityType.GetTableName()!, entityType.GetSchema());
        var reader = Expression.Parameter(typeof(DbDataReader), "reader");
        var ordinals = Expression.Parameter(typeof(int[]), "ordinals");
        var columns = new List<string>();
        var bindings = new List<MemberBinding>();
        foreach (var property in entityType.GetProperties())
        {
            System.Reflection.MemberInfo? member = property.PropertyInfo is { CanWrite: true } writable ? writable : property.FieldInfo;
            if (member is null)
            {
                continue; // a shadow property: no place on the object (an untracked row does not keep it)
            }

            var ordinal = Expression.ArrayIndex(ordinals, Expression.Constant(columns.Count));
            columns.Add(property.GetColumnName(table)!);
            bindings.Add(Expression.Bind(member, ValueOf(reader, ordinal, property.GetRelationalTypeMapping(), property.ClrType, property.IsNullable)));
        }

        var read = Expression.Lambda<Func<DbDataReader, int[], T>>(Expression.MemberInit(Expression.New(typeof(T)), bindings), reader, ordinals).Compile();
        return new EntityReader<T>([.. columns], read);
    }

    /// <summary>
    /// The value as EF reads it: the mapping's data reader method (with the provider's customisation), then the converter from
    /// the stored form to the property's (text to enum, a time marked UTC), null for a NULL when the property allows one.
    /// </summary>
    private static Expression ValueOf(ParameterExpression reader, Expression ordinal, RelationalTypeMapping mapping, Type target, bool nullable)
    {
        Expression value = mapping.CustomizeDataReaderExpression(Expression.Call(reader, mapping.GetDataReaderMethod(), ordinal));
        if (mapping.Converter is { } converter)
        {
            var fromProvider = converter.ConvertFromProviderExpression;
            value = Expression.Invoke(fromProvider, Convert(value, fromProvider.Parameters[0].Type));
        }

        value = Convert(value, target);
        return nullable
            ? Expression.Condition(Expression.Call(reader, IsDBNull, ordinal), Expression.Default(target), value)
            : value;
    }

    private static Expression Convert(Expression value, Type type) => value.Type == type ? value : Expression.Convert(value, type);
}

/// <summary>Reads rows as <typeparamref name="T"/>: the columns it needs, by name, and the compiled reader of one row.</summary>
internal sealed class EntityReader<T>(string[] columns, Func<DbDataReader, int[], T> read)
    where T : class
{
    public int[] OrdinalsIn(DbDataReader reader, int from)
    {
        var ordinals = new int[columns.Length];
        for (var i = 0; i < columns.Length; i++)
        {
            ordinals[i] = -1;
            for (var ordinal = from; ordinal < reader.FieldCount; ordinal++)
            {
                if (string.Equals(reader.GetName(ordinal), columns[i], StringComparison.OrdinalIgnoreCase))
                {
                    ordinals[i] = ordinal;
                    break;
                }
            }

            if (ordinals[i] < 0)
            {
                throw new InvalidOperationException($"The row has no column {columns[i]} for {typeof(T).Name} (from column {from} on).");
            }
        }

        return ordinals;
    }

    public T Read(DbDataReader reader, int[] ordinals) => read(reader, ordinals);
}

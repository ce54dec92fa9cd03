using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;

namespace MemberGraph.Data;

/// <summary>
/// A parameter of a <see cref="SqlRead{TRow}"/>, named as in its text (<c>@name</c>) and typed from the EF model: a plain
/// number or string by its CLR type, a value of a column (an enum stored as text, a time stored as UTC) by that column's own
/// mapping, converter included, so the value is sent exactly as SaveChanges sends it. A list stands for <c>IN (@name)</c>.
/// </summary>
public sealed class SqlArg
{
    private readonly Func<IModel, IRelationalTypeMappingSource, RelationalTypeMapping> _mapping;

    private SqlArg(string name, bool isList, Func<IModel, IRelationalTypeMappingSource, RelationalTypeMapping> mapping)
    {
        Name = name;
        IsList = isList;
        _mapping = mapping;
    }

    public string Name { get; }

    public bool IsList { get; }

    /// <summary>A number, a string or a flag, typed as the engine types that CLR type.</summary>
    public static SqlArg Of<T>(string name) => new(name, false, (model, types) => ByType(typeof(T), model, types));

    /// <summary>Many values of one type for <c>IN (@name)</c>.</summary>
    public static SqlArg ListOf<T>(string name) => new(name, true, (model, types) => ByType(typeof(T), model, types));

    /// <summary>A value of <typeparamref name="TEntity"/>'s <paramref name="property"/>, typed and converted as that column is.</summary>
    public static SqlArg Like<TEntity>(string name, string property) => new(name, false, (model, _) => ColumnMapping<TEntity>(model, property));

    /// <summary>Many values of <typeparamref name="TEntity"/>'s <paramref name="property"/> for <c>IN (@name)</c>, typed as that column is.</summary>
    public static SqlArg ListLike<TEntity>(string name, string property) => new(name, true, (model, _) => ColumnMapping<TEntity>(model, property));

    private static RelationalTypeMapping ColumnMapping<TEntity>(IModel model, string property) =>
        (model.FindEntityType(typeof(TEntity))?.FindProperty(property)
            ?? throw new InvalidOperationException($"{typeof(TEntity).Name}.{property} is not in the model.")).GetRelationalTypeMapping();

    internal RelationalTypeMapping MappingIn(IModel model, IRelationalTypeMappingSource types) => _mapping(model, types);

    private static RelationalTypeMapping ByType(Type type, IModel model, IRelationalTypeMappingSource types)
    {
        if (type.IsEnum || Nullable.GetUnderlyingType(type) is { IsEnum: true } || type == typeof(DateTime) || type == typeof(DateTime?))
        {
            throw new InvalidOperationException($"A {type.Name} is stored as its column says: declare it with SqlArg.Like<TEntity>(name, property).");
        }

        return types.FindMapping(type, model) ?? throw new InvalidOperationException($"The engine maps no {type.Name}.");
    }
}

using System.Collections.Concurrent;

namespace MemberGraph.GraphQL.DataLoaders;

/// <summary>The request's loaders by name, so all resolvers of one request share each batch.</summary>
public sealed class DataLoaderRegistry
{
    private readonly ConcurrentDictionary<string, object> _loaders = new();

    public BatchLoader<TKey, TValue> GetOrAdd<TKey, TValue>(string name, Func<BatchLoader<TKey, TValue>> create)
        where TKey : notnull =>
        (BatchLoader<TKey, TValue>)_loaders.GetOrAdd(name, _ => create());
}

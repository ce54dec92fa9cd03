using GraphQL.DataLoader;

namespace MemberGraph.GraphQL.DataLoaders;

public static class DataLoaderResults
{
    /// <summary>
    /// Loads several keys of one loader as a list field. All keys are queued before anything is awaited, so they join
    /// the batch of the current level like single loads do.
    /// </summary>
    public static IDataLoaderResult<IReadOnlyList<TValue>> LoadMany<TKey, TValue>(this BatchLoader<TKey, TValue?> loader, IEnumerable<TKey> keys)
        where TKey : notnull
        where TValue : class =>
        new Many<TValue>(keys.Select(loader.Load).ToList());

    private sealed class Many<TValue>(IReadOnlyList<IDataLoaderResult<TValue?>> parts) : IDataLoaderResult<IReadOnlyList<TValue>>
        where TValue : class
    {
        public async Task<IReadOnlyList<TValue>> GetResultAsync(CancellationToken cancellationToken = default)
        {
            var values = new List<TValue>(parts.Count);
            foreach (var part in parts)
            {
                if (await part.GetResultAsync(cancellationToken) is { } value)
                {
                    values.Add(value);
                }
            }

            return values;
        }

        async Task<object?> IDataLoaderResult.GetResultAsync(CancellationToken cancellationToken) => await GetResultAsync(cancellationToken);
    }
}

using GraphQL.DataLoader;

namespace MemberGraph.GraphQL.DataLoaders;

/// <summary>
/// Collects the keys asked for while one level of the query resolves and fetches them in one call when the
/// first result is awaited (GraphQL.NET awaits <see cref="IDataLoaderResult"/>s after queuing the level).
/// Results are cached for the request, so a key is fetched once.
/// </summary>
public sealed class BatchLoader<TKey, TValue>(Func<IReadOnlyList<TKey>, CancellationToken, Task<IReadOnlyDictionary<TKey, TValue>>> fetch, TValue missing)
    where TKey : notnull
{
    private readonly Lock _gate = new();
    private readonly Dictionary<TKey, TaskCompletionSource<TValue>> _results = [];
    private List<(TKey Key, TaskCompletionSource<TValue> Result)> _pending = [];

    public IDataLoaderResult<TValue> Load(TKey key)
    {
        lock (_gate)
        {
            if (!_results.TryGetValue(key, out var result))
            {
                result = new TaskCompletionSource<TValue>(TaskCreationOptions.RunContinuationsAsynchronously);
                _results[key] = result;
                _pending.Add((key, result));
            }

            return new Pending(this, result.Task);
        }
    }

    private async Task DispatchAsync(CancellationToken cancellationToken)
    {
        List<(TKey Key, TaskCompletionSource<TValue> Result)> batch;
        lock (_gate)
        {
            if (_pending.Count == 0)
            {
                return;
            }

            batch = _pending;
            _pending = [];
        }

        try
        {
            var found = await fetch(batch.ConvertAll(p => p.Key), cancellationToken);
            foreach (var (key, result) in batch)
            {
                result.TrySetResult(found.TryGetValue(key, out var value) ? value : missing);
            }
        }
        catch (Exception ex)
        {
            foreach (var (_, result) in batch)
            {
                result.TrySetException(ex);
            }
        }
    }

    private sealed class Pending(BatchLoader<TKey, TValue> loader, Task<TValue> result) : IDataLoaderResult<TValue>
    {
        public async Task<TValue> GetResultAsync(CancellationToken cancellationToken = default)
        {
            if (!result.IsCompleted)
            {
                await loader.DispatchAsync(cancellationToken);
            }

            return await result;
        }

        async Task<object?> IDataLoaderResult.GetResultAsync(CancellationToken cancellationToken) =>
            await GetResultAsync(cancellationToken);
    }
}

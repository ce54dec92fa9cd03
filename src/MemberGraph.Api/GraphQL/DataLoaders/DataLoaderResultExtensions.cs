using GraphQL.DataLoader;

namespace MemberGraph.GraphQL.DataLoaders;

/// <summary>Maps a pending batch result without awaiting it, so the field still joins its level's batch.</summary>
public static class DataLoaderResultExtensions
{
    public static IDataLoaderResult<TResult> Then<T, TResult>(this IDataLoaderResult<T> result, Func<T, TResult> map) =>
        new Mapped<T, TResult>(result, (value, _) => Task.FromResult(map(value)));

    /// <summary>An asynchronous mapping, for example one that awaits a second batch (a count) of the same level.</summary>
    public static IDataLoaderResult<TResult> Then<T, TResult>(this IDataLoaderResult<T> result, Func<T, CancellationToken, Task<TResult>> map) =>
        new Mapped<T, TResult>(result, map);

    private sealed class Mapped<T, TResult>(IDataLoaderResult<T> inner, Func<T, CancellationToken, Task<TResult>> map) : IDataLoaderResult<TResult>
    {
        public async Task<TResult> GetResultAsync(CancellationToken cancellationToken = default) =>
            await map(await inner.GetResultAsync(cancellationToken), cancellationToken);

        async Task<object?> IDataLoaderResult.GetResultAsync(CancellationToken cancellationToken) =>
            await GetResultAsync(cancellationToken);
    }
}

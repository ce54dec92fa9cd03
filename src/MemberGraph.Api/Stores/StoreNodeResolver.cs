using GraphQL;
using MemberGraph.GraphQL.Relay;

namespace MemberGraph.Stores;

/// <summary>node(id:) for stores: store data is public (stores(near:) is open to anyone), so any signed-in caller may refetch one.</summary>
public sealed class StoreNodeResolver : INodeResolver
{
    public string TypeName => "Store";

    public async Task<object?> ResolveAsync(IResolveFieldContext context, long key) =>
        await context.StoreById().Load(key).GetResultAsync(context.CancellationToken);
}

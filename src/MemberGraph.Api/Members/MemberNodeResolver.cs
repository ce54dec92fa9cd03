using GraphQL;
using MemberGraph.GraphQL.Relay;

namespace MemberGraph.Members;

/// <summary>node(id:) for members, with exactly the rules of member(id:).</summary>
public sealed class MemberNodeResolver(MemberReader reader) : INodeResolver
{
    public string TypeName => "Member";

    public async Task<object?> ResolveAsync(IResolveFieldContext context, long key) => await reader.ReadAsync(context, key);
}

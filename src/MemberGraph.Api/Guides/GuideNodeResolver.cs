using GraphQL;
using MemberGraph.Auth;
using MemberGraph.GraphQL;
using MemberGraph.GraphQL.Relay;

namespace MemberGraph.Guides;

/// <summary>
/// node(id:) for guides. A guide's name and code are on share links and QR posters, so members, guides, staff and
/// admins may refetch one; partners and channel integrations have no business with guides.
/// </summary>
public sealed class GuideNodeResolver : INodeResolver
{
    private static readonly string[] Allowed = [Roles.Member, Roles.Guide, Roles.Staff, Roles.Admin];

    public string TypeName => "Guide";

    public async Task<object?> ResolveAsync(IResolveFieldContext context, long key)
    {
        if (!Allowed.Contains(context.Caller().Role))
        {
            throw GraphQLRequestError.NotAuthorized("read guides");
        }

        return await context.GuideById().Load(key).GetResultAsync(context.CancellationToken);
    }
}

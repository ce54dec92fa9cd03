using GraphQL;
using MemberGraph.Auth;
using MemberGraph.GraphQL;
using MemberGraph.GraphQL.Relay;

namespace MemberGraph.Partners;

/// <summary>node(id:) for partners: admins only (members meet partners on their consents, by id and name).</summary>
public sealed class PartnerNodeResolver : INodeResolver
{
    public string TypeName => "Partner";

    public async Task<object?> ResolveAsync(IResolveFieldContext context, long key) =>
        context.Caller().Is(Roles.Admin)
            ? await context.PartnerById().Load(key).GetResultAsync(context.CancellationToken)
            : throw GraphQLRequestError.NotAuthorized("refetch partners");
}

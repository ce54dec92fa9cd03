using GraphQL;
using GraphQL.Types;
using MemberGraph.Domain;
using MemberGraph.GraphQL.Authorization;

namespace MemberGraph.GraphQL.Relay;

/// <summary>Loads one object of a Relay type by its key, applying the same access rules as the type's own query.</summary>
public interface INodeResolver
{
    string TypeName { get; }

    Task<object?> ResolveAsync(IResolveFieldContext context, long key);
}

public sealed class NodeInterface : InterfaceGraphType
{
    public NodeInterface()
    {
        Name = "Node";
        Description = "An object with a global, opaque id that node(id:) can refetch.";
        this.ReadableBy(FieldAuthorization.ConfinedRoles.ToArray()); // the id of a node it may refetch (see NodeQueries)
        Field<NonNullGraphType<IdGraphType>>("id").Description("Global, opaque id.");
    }
}

public sealed class NodeQueries(IEnumerable<INodeResolver> resolvers) : IQueryFields
{
    private readonly Dictionary<string, INodeResolver> _byType = resolvers.ToDictionary(r => r.TypeName);

    public void AddTo(QueryType query)
    {
        query.Field<NodeInterface>("node")
            .Description("Refetches any object by its global id, with the rules of the type's own queries: an object the caller may not see is " +
                         "AUTH_NOT_AUTHORIZED, and so is an unknown Member, Coupon, CouponTemplate or Order id for everyone but an admin " +
                         "(ids are not to be probed). Otherwise null when it does not exist. Takes global ids only: a plain numeric key names no " +
                         "type here (BAD_USER_INPUT), while arguments of a known type (member(id:), input ids) take either. Every role but " +
                         "partners, who know members by their pairwise ids (partnerMemberLookup, _entities).")
            .Argument<NonNullGraphType<IdGraphType>>("id")
            .Authorize(Auth.Roles.All.Where(r => r != Auth.Roles.Partner).ToArray()) // no type a partner reads is a Node: nothing to refetch
            .ResolveAsync(async context =>
            {
                var id = context.GetArgument<string>("id");
                if (!GlobalId.TryDecode(id, out var typeName, out var key) || !_byType.TryGetValue(typeName, out var resolver))
                {
                    if (id.Length > 0 && id.All(char.IsAsciiDigit))
                    {
                        throw GraphQLRequestError.BadInput($"'{id}' is a plain key, which names no type: node(id:) takes the global ids the API gives out " +
                                                           "(typed arguments such as member(id:) take plain keys too).");
                    }


                    throw GraphQLRequestError.BadInput($"'{id}' is not an id this API gave out.");
                }

                // A confined role refetches only types opened to it, refused before anything is looked up.
                if (context.Schema.AllTypes[typeName] is not { } type || !type.MayRead(context.Caller().Role))
                {
                    throw GraphQLRequestError.NotAuthorized($"refetch a {typeName}");
                }

                return await resolver.ResolveAsync(context, key);
            });
    }
}

using GraphQL;
using GraphQL.Resolvers;
using GraphQL.Types;
using GraphQL.Utilities;
using MemberGraph.Auth;

namespace MemberGraph.GraphQL.Authorization;

/// <summary>
/// Enforces <see cref="PartnerScopeAuthorization.RequireScope(FieldType, MemberGraph.Partners.PartnerScope[])"/> once the
/// schema is whole: a guard goes in front of the resolver of every field that names scopes, whenever in its declaration
/// the scopes were named, so the check cannot be left out by the order of calls. Fail closed twice over: a partner token
/// without the scope gets no value, and a root field open to partners that names no scope stops the schema from being
/// built — a partner mutation added later must say which scope it needs before the gateway starts. Registered after
/// <see cref="FederationFieldAuthorization"/>, which names the scopes of <c>_service</c> and <c>_entities</c>.
/// </summary>
public sealed class PartnerScopeEnforcement : BaseSchemaNodeVisitor
{
    public override void VisitObjectFieldDefinition(FieldType field, IObjectGraphType type, ISchema schema)
    {
        var scopes = field.RequiredScopes();
        var isRoot = type == schema.Query || type == schema.Mutation || type == schema.Subscription;
        if (scopes is null)
        {
            if (isRoot && field.RequiredRoles()?.Contains(Roles.Partner) == true)
            {
                throw new InvalidOperationException($"{type.Name}.{field.Name} is open to partners but names no scope: say which a partner " +
                                                    "token needs with RequireScope (PartnerScopes.All when any will do).");
            }

            return;
        }

        if (field.StreamResolver is not null)
        {
            throw new InvalidOperationException($"{type.Name}.{field.Name}: scopes are checked on resolvers; a subscription cannot name them yet.");
        }

        field.Resolver = new ScopeGuard(field.Resolver ?? NameFieldResolver.Instance, scopes, $"{type.Name}.{field.Name}");
    }

    /// <summary>The refusal a partner token without the scope gets at the field's path.</summary>
    public static GraphQLRequestError Refusal(string field, IReadOnlyList<string> needed, IReadOnlySet<string> held) =>
        new(ErrorCodes.NotAuthorized,
            $"This partner token may not read '{field}': it needs the scope {string.Join(" or ", needed)}, and it holds " +
            (held.Count == 0 ? "none" : string.Join(' ', held.Order(StringComparer.Ordinal))) +
            ". Ask POST /oauth/token for a token with that scope (the partner must be allowed it).");

    private sealed class ScopeGuard(IFieldResolver inner, IReadOnlyList<string> scopes, string field) : IFieldResolver
    {
        public ValueTask<object?> ResolveAsync(IResolveFieldContext context)
        {
            var caller = context.Caller();
            return caller.Is(Roles.Partner) && !scopes.Any(caller.Scopes.Contains)
                ? ValueTask.FromException<object?>(Refusal(field, scopes, caller.Scopes))
                : inner.ResolveAsync(context);
        }
    }
}

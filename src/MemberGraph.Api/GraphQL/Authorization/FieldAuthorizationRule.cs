using GraphQL;
using GraphQL.Types;
using GraphQL.Validation;
using GraphQLParser.AST;

namespace MemberGraph.GraphQL.Authorization;

/// <summary>
/// Refuses a document before anything runs when it selects a field the caller's role may not select.
/// Root fields without any authorization metadata are refused too, so a forgotten declaration fails closed, and so are
/// fields of types not opened to a confined role (<see cref="FieldAuthorization.ConfinedRoles"/>).
/// </summary>
public sealed class FieldAuthorizationRule : ValidationRuleBase
{
    public static readonly FieldAuthorizationRule Instance = new();

    /// <summary>
    /// What this rule's verdict depends on for a caller: two callers with the same profile get the same verdict on
    /// the same document and operation, so a verdict may be remembered per profile (see DocumentCache).
    /// </summary>
    public static string ProfileOf(Auth.Caller caller) => caller.IsAuthenticated ? "role:" + caller.Role : "anonymous";

    public override ValueTask<INodeVisitor?> GetPreNodeVisitorAsync(ValidationContext context) =>
        new(new MatchingNodeVisitor<GraphQLField>((node, ctx) => Check(node, ctx)));

    private static void Check(GraphQLField node, ValidationContext context)
    {
        var field = context.TypeInfo.GetFieldDef();
        var parent = context.TypeInfo.GetParentType()?.GetNamedType();
        if (field is null || parent is null || field.Name.StartsWith("__", StringComparison.Ordinal))
        {
            return;
        }

        var isRoot = parent == context.Schema.Query || parent == context.Schema.Mutation || parent == context.Schema.Subscription;
        if (field.IsAnonymous())
        {
            return;
        }

        var caller = (context.UserContext as GraphQLContext)?.Caller ?? Auth.Caller.Anonymous;
        if (!isRoot && !parent.MayRead(caller.Role))
        {
            var confinement = FieldAuthorization.WriteOnlyRoles.Contains(caller.Role!)
                ? "writes and reads back only what it wrote"
                : "reads only what is made for it";
            context.ReportError(new CodedValidationError(context, ErrorCodes.NotAuthorized,
                $"The role '{caller.Role}' {confinement}: it may not select '{parent.Name}.{field.Name}'.", node));
            return;
        }

        var roles = field.RequiredRoles();
        if (roles is null && !isRoot)
        {
            return;
        }

        if (!caller.IsAuthenticated)
        {
            context.ReportError(new CodedValidationError(context, ErrorCodes.NotAuthenticated,
                $"Sign in first: '{field.Name}' needs a valid bearer token.", node));
            return;
        }

        if (roles is null || !roles.Contains(caller.Role))
        {
            context.ReportError(new CodedValidationError(context, ErrorCodes.NotAuthorized,
                $"The role '{caller.Role}' may not select '{parent.Name}.{field.Name}'.", node));
        }
    }
}

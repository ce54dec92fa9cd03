using GraphQL.Builders;
using GraphQL.Types;
using MemberGraph.Partners;

namespace MemberGraph.GraphQL.Authorization;

/// <summary>
/// Which OAuth scopes a partner token needs to select a field, as field metadata that <see cref="PartnerScopeEnforcement"/>
/// checks when the field resolves: a partner token holding none of them gets the field null with AUTH_NOT_AUTHORIZED at
/// the field's own path (the rest of the answer stands), never the value. Roles decide whether a field may be selected at
/// all, before anything runs (<see cref="FieldAuthorizationRule"/>); scopes narrow what a partner's token of the day may
/// read, at run time, so a document valid for one token of a partner is valid for all of them (the validation verdict
/// is remembered per role). Only partner tokens are bound by scopes: the fields partners share with admins
/// (<c>_service</c>) stay open to admins, whose tokens carry none.
/// </summary>
public static class PartnerScopeAuthorization
{
    public const string ScopesKey = "membergraph:partner-scopes";

    /// <summary>A partner token must hold at least one of <paramref name="anyOf"/> (say which in the field's description).</summary>
    public static FieldBuilder<TSource, TReturn> RequireScope<TSource, TReturn>(
        this FieldBuilder<TSource, TReturn> field, params PartnerScope[] anyOf)
    {
        field.FieldType.RequireScope(anyOf);
        return field;
    }

    /// <inheritdoc cref="RequireScope{TSource,TReturn}"/>
    public static FieldType RequireScope(this FieldType field, params PartnerScope[] anyOf)
    {
        if (anyOf.Length == 0)
        {
            throw new ArgumentException("Name at least one scope: a field no token can read is a mistake.", nameof(anyOf));
        }

        field.Metadata[ScopesKey] = anyOf.Distinct().Order().Select(PartnerScopes.Word).ToArray();
        return field;
    }

    /// <summary>The scope words of which a partner token must hold one, or null when the field names none.</summary>
    public static IReadOnlyList<string>? RequiredScopes(this IFieldType field) => field.GetMetadata<string[]?>(ScopesKey);
}

using GraphQL.Builders;
using GraphQL.Types;

namespace MemberGraph.GraphQL.Authorization;

/// <summary>
/// Who may select a field, as field metadata that <see cref="FieldAuthorizationRule"/> enforces before
/// execution. Root fields must say it (fail closed); ownership (which member, which store) is then checked
/// by the resolver or service, because it depends on the data.
/// </summary>
public static class FieldAuthorization
{
    public const string RolesKey = "membergraph:roles";
    public const string AnonymousKey = "membergraph:anonymous";

    public static FieldBuilder<TSource, TReturn> Authorize<TSource, TReturn>(this FieldBuilder<TSource, TReturn> field, params string[] roles)
    {
        field.FieldType.Authorize(roles);
        return field;
    }

    public static FieldBuilder<TSource, TReturn> AllowAnonymous<TSource, TReturn>(this FieldBuilder<TSource, TReturn> field)
    {
        field.FieldType.Metadata[AnonymousKey] = true;
        return field;
    }

    public static FieldType Authorize(this FieldType field, params string[] roles)
    {
        field.Metadata[RolesKey] = roles;
        return field;
    }

    public static IReadOnlyList<string>? RequiredRoles(this IFieldType field) =>
        field.GetMetadata<string[]?>(RolesKey);

    public static bool IsAnonymous(this IFieldType field) => field.GetMetadata(AnonymousKey, false);
}

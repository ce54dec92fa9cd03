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

    /// <summary>
    /// Write-only roles: besides the root fields they are given, they may select fields only of the types opened to
    /// them with <see cref="ReadableBy{TType}"/>, so a type added later stays closed to them (fail closed). A channel
    /// integration records orders and reads back what it wrote, never a member.
    /// </summary>
    public static readonly IReadOnlySet<string> WriteOnlyRoles = new HashSet<string>(StringComparer.Ordinal) { Auth.Roles.Ingestion };

    /// <summary>
    /// Roles confined to the types opened to them (<see cref="ReadableBy{TType}"/>): the write-only roles, and partners, who
    /// reach only what is made for them (<c>PartnerMember</c>), never a <c>Member</c>, <c>Order</c> or <c>Guide</c>.
    /// </summary>
    public static readonly IReadOnlySet<string> ConfinedRoles = new HashSet<string>(WriteOnlyRoles, StringComparer.Ordinal) { Auth.Roles.Partner };

    public const string ReadableByKey = "membergraph:readable-by";

    /// <summary>Opens a type's fields to confined roles (fields of it may still name their roles with <c>Authorize</c>).</summary>
    public static TType ReadableBy<TType>(this TType type, params string[] roles) where TType : IGraphType
    {
        type.Metadata[ReadableByKey] = roles;
        return type;
    }

    /// <summary>False only for a confined role on a type not opened to it.</summary>
    public static bool MayRead(this IGraphType type, string? role) =>
        role is null || !ConfinedRoles.Contains(role) || type.GetMetadata<string[]?>(ReadableByKey)?.Contains(role) == true;

    public static bool IsAnonymous(this IFieldType field) => field.GetMetadata(AnonymousKey, false);
}

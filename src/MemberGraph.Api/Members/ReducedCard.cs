using GraphQL;
using GraphQL.Resolvers;
using GraphQL.Types;
using MemberGraph.GraphQL;

namespace MemberGraph.Members;

/// <summary>
/// The reduced card a guide gets of a store colleague's customer (<see cref="MemberVisibility.ColleaguesCustomersOf"/>):
/// who they are and who serves them, nothing more. <c>member(id:)</c>, <c>node(id:)</c> and <c>sidebarContext</c> record
/// such a member in the request, as <see cref="ShownAtTill"/> records a code shown at the till; on the types guarded here
/// every field that is not on the type's allow-list then resolves to null with AUTH_NOT_AUTHORIZED at its own path. An
/// allow-list, so that a field a feature adds later (<see cref="IMemberFields"/>) is refused until someone decides it may
/// be shown (fail closed); per field, so that the allowed fields still answer.
/// </summary>
public static class ReducedCard
{
    private const string Key = "membergraph:reduced-card";

    public const string Refusal = "This member is a store colleague's customer: only name, tier and exclusive guide are shown.";

    /// <summary>The fields of <c>Member</c> a reduced card answers.</summary>
    public static readonly IReadOnlySet<string> MemberFields = Fields("id", "displayName", "tier", "exclusiveGuide", "serviceStore", "status");

    /// <summary>
    /// An allow-list of field names. Ignoring case because a field declared by expression (<c>Field(m =&gt; m.DisplayName)</c>)
    /// is named <c>DisplayName</c> until the schema applies its camelCase name converter.
    /// </summary>
    public static IReadOnlySet<string> Fields(params string[] names) => new HashSet<string>(names, StringComparer.OrdinalIgnoreCase);

    /// <summary>member(id:) and node(id:): <see cref="MemberReader.ReadCardAsync"/>, recording a reduced card in the request.</summary>
    public static async Task<Member?> ReadAsync(this MemberReader reader, IResolveFieldContext context, long id)
    {
        var (member, reduced) = await reader.ReadCardAsync(context.Caller(), id, context.CancellationToken);
        if (reduced)
        {
            Record(context, member!.Id);
        }

        return member;
    }

    public static void Record(IResolveFieldContext context, long memberId) =>
        RequestMemberSet.Add(context, Key, memberId);

    public static bool Applies(IResolveFieldContext context, long memberId) =>
        RequestMemberSet.Contains(context, Key, memberId);

    /// <summary>
    /// Puts a guard in front of the resolver of every field of <paramref name="type"/> not in <paramref name="shown"/>; call it
    /// once the type has all its fields. A guarded field must be nullable: a refused non-null field would null the whole card.
    /// </summary>
    public static void Guard<TSource>(ComplexGraphType<TSource> type, IReadOnlySet<string> shown, Func<TSource, long> memberOf)
    {
        foreach (var field in type.Fields.Where(f => !shown.Contains(f.Name)))
        {
            var nonNull = (field.Type is { IsGenericType: true } t && t.GetGenericTypeDefinition() == typeof(NonNullGraphType<>))
                          || field.ResolvedType is NonNullGraphType;
            if (nonNull)
            {
                throw new InvalidOperationException($"{type.Name}.{field.Name} is refused on a reduced card (a store colleague's customer), " +
                                                    "so it must be nullable: a refused non-null field would null the whole card. " +
                                                    "Make it nullable, or allow it in ReducedCard.");
            }

            field.Resolver = new Refusing<TSource>(field.Resolver ?? NameFieldResolver.Instance, memberOf);
        }
    }

    private sealed class Refusing<TSource>(IFieldResolver inner, Func<TSource, long> memberOf) : IFieldResolver
    {
        public ValueTask<object?> ResolveAsync(IResolveFieldContext context) =>
            context.Source is TSource source && Applies(context, memberOf(source))
                ? ValueTask.FromException<object?>(new GraphQLRequestError(ErrorCodes.NotAuthorized, Refusal))
                : inner.ResolveAsync(context);
    }
}

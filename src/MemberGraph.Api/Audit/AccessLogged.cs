using GraphQL.Types;

namespace MemberGraph.Audit;

/// <summary>
/// Marks the types whose objects show a member's personal information (<c>Member</c>, the sidebar card, the partner's
/// <c>PartnerMember</c>): wherever the graph returns one to anyone but that member, <see cref="AccessRecorder"/> writes the
/// read to the access log. A type says it once, so every way to it is covered (member, members, memberByCode, node,
/// sidebarContext, _entities, a payload, a subscription event …), including ways added later.
/// </summary>
public static class AccessLogged
{
    private const string Key = "membergraph:access-logged";

    /// <summary>Objects of this type show the member <paramref name="memberOf"/> names.</summary>
    public static void RecordsReadsOf<TSource>(this ComplexGraphType<TSource> type, Func<TSource, long> memberOf) =>
        type.Metadata[Key] = new Func<object, long>(source => memberOf((TSource)source));

    /// <summary>Whose personal information an object of <paramref name="type"/> shows; null for the other types.</summary>
    public static Func<object, long>? MemberOf(IGraphType type) => type.GetMetadata<Func<object, long>?>(Key);
}

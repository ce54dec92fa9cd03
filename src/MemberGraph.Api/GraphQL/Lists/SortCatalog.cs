using System.Linq.Expressions;
using GraphQL;

namespace MemberGraph.GraphQL.Lists;

/// <summary>
/// What a list may be sorted by (its <see cref="SortKey{TRow}"/>s) and its own order when <c>order</c> is left out: by id, in
/// one direction. Reads a request's <c>order</c>: a list of entries of the list's sort input, each naming exactly one key
/// (<c>order: [{ lastPurchaseAt: DESC }, { spendCents: DESC }]</c>, as HotChocolate.Data's sorting reads).
/// </summary>
public sealed class SortCatalog<TRow>
{
    /// <summary>Most entries in one <c>order</c>: each one more key is one more comparison in every keyset step.</summary>
    public const int MaxTerms = 3;

    public SortCatalog(Expression<Func<TRow, long>> id, SortDirection ownDirection, params SortKey<TRow>[] keys)
    {
        Keys = keys;
        IdOf = id.Compile();
        Own = new ListOrder<TRow>([], id, ownDirection, IdOf);
    }

    public IReadOnlyList<SortKey<TRow>> Keys { get; }

    /// <summary>The list's order without <c>order</c>: by id.</summary>
    public ListOrder<TRow> Own { get; }

    private Func<TRow, long> IdOf { get; }

    /// <summary>The order a request asks for; BAD_USER_INPUT for an entry naming no key or several, or a key named twice.</summary>
    public ListOrder<TRow> OrderFrom(IResolveFieldContext context)
    {
        if (context.GetArgument<object?>("order") is not IEnumerable<object?> entries)
        {
            return Own;
        }

        var terms = new List<SortTerm<TRow>>();
        foreach (var entry in entries)
        {
            var named = (entry as IDictionary<string, object?>)?.Where(f => f.Value is not null).ToList() ?? [];
            if (named.Count != 1)
            {
                throw GraphQLRequestError.BadInput($"Each entry of 'order' names exactly one key, like {{ {Keys[0].Name}: DESC }}; one named {named.Count}.");
            }

            var key = Keys.First(k => k.Name == named[0].Key);
            if (terms.Any(t => t.Key == key))
            {
                throw GraphQLRequestError.BadInput($"'order' names '{key.Name}' twice.");
            }

            terms.Add(new SortTerm<TRow>(key, (SortDirection)named[0].Value!));
        }

        if (terms.Count > MaxTerms)
        {
            throw GraphQLRequestError.BadInput($"'order' takes at most {MaxTerms} entries; it had {terms.Count}.");
        }

        return terms.Count == 0 ? Own : new ListOrder<TRow>(terms, Own.Id, Own.IdDirection, IdOf);
    }
}

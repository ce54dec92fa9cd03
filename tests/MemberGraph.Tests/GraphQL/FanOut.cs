using System.Text;

namespace MemberGraph.Tests.GraphQL;

/// <summary>
/// The fan-out family of the outside test: L fragments, each spreading the next one K times, the last selecting
/// <c>__typename</c> — a document of a few kilobytes whose expansion has K^L fields.
/// </summary>
internal static class FanOut
{
    /// <param name="nested">Spread the fan-out inside <c>testNest</c> (fragments on TestNest, the last selecting
    /// <c>level</c>) instead of at the root of the operation.</param>
    public static string Document(int levels, int spreads, bool nested = false)
    {
        var type = nested ? "TestNest" : "Query";
        var text = new StringBuilder(nested ? "query{testNest{...F0}}" : "query{...F0}");
        for (var level = 0; level < levels; level++)
        {
            text.Append($"\nfragment F{level} on {type}{{");
            for (var spread = 0; spread < spreads; spread++)
            {
                text.Append($"...F{level + 1} ");
            }

            text.Append('}');
        }

        text.Append($"\nfragment F{levels} on {type}{{{(nested ? "level" : "__typename")}}}");
        return text.ToString();
    }

    /// <summary>The (L, K) pairs the tests try: the outside test's 12×4 and 13×4, then up to 30×30.</summary>
    public static TheoryData<int, int> Family => new() { { 12, 4 }, { 13, 4 }, { 20, 20 }, { 30, 30 }, { 30, 2 }, { 4, 30 } };
}

using GraphQL;
using GraphQL.Types;
using GraphQL.Utilities;

namespace MemberGraph.GraphQL;

/// <summary>Prints the SDL that <c>schema/schema.graphql</c> must equal.</summary>
public static class SchemaPrinter
{
    public static string Print(ISchema schema)
    {
        schema.Initialize();
        return schema.Print(new PrintOptions { IncludeDescriptions = true, IncludeDeprecationReasons = true, StringComparison = StringComparison.Ordinal }).ReplaceLineEndings("\n").TrimEnd() + "\n";
    }
}

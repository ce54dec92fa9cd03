namespace MemberGraph.Benchmarks;

/// <summary>The mini-program home screen (the home query): who am I, my tier, my points, my latest coupons.</summary>
internal static class HomeQuery
{
    public const string GraphQL = """
        query Home {
          me {
            displayName
            tier { level name growth nextLevelGrowth }
            points { balance pending }
            coupons(first: 10) { edges { node { id code status validUntil template { name kind } } } }
          }
        }
        """;
}

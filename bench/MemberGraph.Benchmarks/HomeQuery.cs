namespace MemberGraph.Benchmarks;

/// <summary>The mini-program home screen: who am I, my tier, my points, my latest orders.</summary>
internal static class HomeQuery
{
    // TODO(coordinator): when the coupons branch is merged, replace orders(first: 10) by
    // coupons(first: 10) { edges { node { id code status validUntil template { name kind } } } } here and in HandWrittenHome.
    public const string GraphQL = """
        query Home {
          me {
            displayName
            tier { level name growth nextLevelGrowth }
            points { balance pending }
            orders(first: 10) { edges { node { id channel paidAmountCents paidAt status } } }
          }
        }
        """;
}

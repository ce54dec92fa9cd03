using MemberGraph.Tests.Infrastructure;

namespace MemberGraph.Tests.Members;

/// <summary>
/// Parallel member queries that read both through a service's own context and through the loaders, on SQLite and on
/// PostgreSQL (a pool of 40 in tests): a member token's erasure check opens the loaders' connection at the start of a query,
/// and a service opening a context of its own after it must not wait for a second connection while holding the first
/// (with 200 requests doing so the pool ran dry: the loaders' connection now yields, see LoaderDb).
/// </summary>
public abstract class MemberQueryConcurrencyTests(GatewayHost gateway)
{
    private const string TemplatesThenMe = "query TemplatesThenMe { couponTemplates(first: 5) { edges { node { id } } } me { points { balance } } }";

    private readonly GatewayHost _gateway = gateway;
    private readonly LoyaltyApi _api = new(gateway);

    public sealed class OnSqlite(GatewayFixture fixture) : MemberQueryConcurrencyTests(fixture.Gateway), IClassFixture<GatewayFixture>;

    public sealed class OnPostgres(PostgresGatewayFixture fixture)
        : MemberQueryConcurrencyTests(fixture.Gateway), IClassFixture<PostgresGatewayFixture>;

    [Fact]
    public async Task Two_hundred_parallel_queries_of_a_member_through_a_service_and_the_loaders_all_answer()
    {
        // given: a member with 500 available points whose query text ran once (cached: the check reads on the loaders' connection)
        var n = TestData.Next();
        var order = await _api.RecordOkAsync(LoyaltyApi.Order($"POS-Q{n}", $"CARD-Q{n}", 50_000, paidAt: DateTime.UtcNow.AddDays(-30)));
        var token = new TestData(_gateway).MemberToken(LoyaltyApi.MemberKey(order));
        Assert.Equal(500, Balance(await _gateway.GraphQLAsync(TemplatesThenMe, token: token)));

        // when
        var responses = await Task.WhenAll(Enumerable.Range(0, 200).Select(_ => _gateway.GraphQLAsync(TemplatesThenMe, token: token)));

        // then
        Assert.All(responses, r => Assert.Equal(500, Balance(r)));
    }

    private static long Balance(GraphQLResponse response) => response.OkData()["me"]!["points"]!["balance"]!.GetValue<long>();
}

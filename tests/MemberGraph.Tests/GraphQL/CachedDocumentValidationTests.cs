using MemberGraph.Tests.Infrastructure;

namespace MemberGraph.Tests.GraphQL;

/// <summary>A cached document skips re-validation, but not the checks that depend on the caller or the variables.</summary>
public sealed class CachedDocumentValidationTests : IAsyncLifetime
{
    private const string Page = """
        query($first: Int!) {
          members(first: $first) { edges { node { id tier { level } orders(first: 3) { edges { node { id lines { sku } refunds { refundId lines { amountCents } } } } } } } }
        }
        """;

    private GatewayHost _gateway = null!;

    public async Task InitializeAsync() => _gateway = await GatewayHost.StartAsync(new Dictionary<string, string?> { ["GraphQL:MaxComplexity"] = "5000" });

    public async Task DisposeAsync() => await _gateway.DisposeAsync();

    [Fact]
    public async Task The_complexity_limit_still_applies_when_a_cached_document_gets_bigger_variables()
    {
        // given: the document is cached by a small request
        var admin = new TestData(_gateway).AdminToken();
        var small = await _gateway.GraphQLAsync(Page, new { first = 1 }, admin);
        small.OkData();

        // when
        var big = await _gateway.GraphQLAsync(Page, new { first = 100 }, admin);

        // then
        Assert.Equal("QUERY_TOO_COMPLEX", big.FirstErrorCode);
    }

    [Fact]
    public async Task Field_authorization_still_applies_to_a_cached_document()
    {
        // given
        var data = new TestData(_gateway);
        (await _gateway.GraphQLAsync(Page, new { first = 1 }, data.AdminToken())).OkData();

        // when
        var asMember = await _gateway.GraphQLAsync(Page, new { first = 1 }, data.MemberToken(1));

        // then
        Assert.Equal("AUTH_NOT_AUTHORIZED", asMember.FirstErrorCode);
    }
}

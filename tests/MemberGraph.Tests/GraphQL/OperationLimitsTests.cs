using System.Text;
using System.Text.Json;
using MemberGraph.GraphQL.Transport;
using MemberGraph.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace MemberGraph.Tests.GraphQL;

/// <summary>
/// Every operation limit refuses with its own code over HTTP and WebSocket, a document just inside it runs, and a
/// refused document costs a lookup when it comes again. (The analyzer's linear work is proven by counting in
/// <see cref="OperationAnalyzerTests"/>; here the whole fan-out family, up to 30 × 30, simply has to come back.)
/// </summary>
public sealed class OperationLimitsTests(TransportGatewayFixture fixture) : IClassFixture<TransportGatewayFixture>
{
    private DocumentCache Cache => fixture.Gateway.Service<DocumentCache>();

    [Theory]
    [MemberData(nameof(FanOutFamily))]
    public async Task A_fragment_fan_out_is_refused_as_too_complex_over_http_and_a_repeat_costs_a_lookup(int levels, int spreads)
    {
        // given: a unique document (a comment makes the text new to the cache)
        var query = $"# {TestData.Next()}\n" + FanOut.Document(levels, spreads, nested: true);

        // when
        var first = await PostAsync(query);
        var analyses = Cache.Analyses;
        var repeats = Cache.RefusalRepeats;
        var again = await PostAsync(query);

        // then
        Assert.Equal(400, first.Status);
        Assert.Equal(TransportErrorCodes.QueryTooComplex, first.FirstErrorCode);
        Assert.Equal(TransportErrorCodes.QueryTooComplex, again.FirstErrorCode);
        Assert.Equal(repeats + 1, Cache.RefusalRepeats);
        Assert.Equal(analyses, Cache.Analyses);
    }

    public static TheoryData<int, int> FanOutFamily() => FanOut.Family;

    [Theory]
    [MemberData(nameof(FanOutFamily))]
    public async Task A_fragment_fan_out_at_the_root_as_the_outside_test_sent_it_is_refused_for_its_root_fields(int levels, int spreads)
    {
        var response = await PostAsync(FanOut.Document(levels, spreads));

        Assert.Equal(400, response.Status);
        Assert.Equal(TransportErrorCodes.TooManyRootFields, response.FirstErrorCode);
    }

    [Fact]
    public async Task The_fan_out_family_is_refused_over_the_websocket_too()
    {
        // given
        await using var client = await GraphQLWebSocketClient.ConnectAsync(fixture.Gateway);
        await client.InitAsync();

        foreach (var (levels, spreads) in new[] { (13, 4), (20, 20), (30, 30) })
        {
            // when
            await client.SubscribeAsync($"f{levels}x{spreads}", FanOut.Document(levels, spreads, nested: true));
            var answer = await client.ReceiveAsync(TimeSpan.FromSeconds(30));

            // then
            Assert.Equal("error", answer!["type"]!.GetValue<string>());
            Assert.Equal(TransportErrorCodes.QueryTooComplex, answer["payload"]![0]!["extensions"]!["code"]!.GetValue<string>());
        }
    }

    [Fact]
    public async Task A_small_fan_out_within_the_limits_runs()
    {
        var response = await PostAsync(FanOut.Document(3, 3, nested: true));

        Assert.Equal(200, response.Status);
        Assert.Equal(1, response.Json["data"]!["testNest"]!["level"]!.GetValue<int>());
    }

    [Fact]
    public async Task Aliases_above_the_limit_are_refused_whether_written_out_or_multiplied_by_fragments()
    {
        // given: the limit in aliases on one field; one more; and ten aliases spread six times
        var max = fixture.Limits.MaxAliases;
        string Aliased(int n) => "{ testNest { " + string.Concat(Enumerable.Range(0, n).Select(i => $"a{i}: level ")) + "} }";
        var throughFragments = "{ testNest { ...Ten ...Ten ...Ten ...Ten ...Ten ...Ten } } fragment Ten on TestNest { "
            + string.Concat(Enumerable.Range(0, 10).Select(i => $"a{i}: level ")) + "}";

        // when
        var atLimit = await PostAsync(Aliased(max));
        var bomb = await PostAsync(Aliased(max + 1));
        var multiplied = await PostAsync(throughFragments);

        // then
        Assert.Equal(200, atLimit.Status);
        Assert.Equal(TransportErrorCodes.TooManyAliases, bomb.FirstErrorCode);
        Assert.Equal(TransportErrorCodes.TooManyAliases, multiplied.FirstErrorCode);
        Assert.Contains($"at most {max}", bomb.Body);
    }

    [Fact]
    public async Task A_directive_flood_on_one_field_is_refused()
    {
        // given
        var max = fixture.Limits.MaxDirectivesPerLocation;
        string Flood(int n) => "{ __typename " + string.Concat(Enumerable.Repeat("@include(if: true) ", n)) + "}";

        // when
        var flood = await PostAsync(Flood(max + 1));
        var onASpread = await PostAsync("{ ...F " + string.Concat(Enumerable.Repeat("@skip(if: false) ", max + 1)) + "} fragment F on Query { __typename }");

        // then
        Assert.Equal(400, flood.Status);
        Assert.Equal(TransportErrorCodes.TooManyDirectives, flood.FirstErrorCode);
        Assert.Equal(TransportErrorCodes.TooManyDirectives, onASpread.FirstErrorCode);
    }

    [Fact]
    public async Task A_field_repeated_many_times_in_one_selection_is_refused_and_a_few_repeats_run()
    {
        // given
        var max = fixture.Limits.MaxFieldRepeats;
        string Repeated(int n) => "{ testNest { " + string.Concat(Enumerable.Repeat("level ", n)) + "} }";

        // when
        var few = await PostAsync(Repeated(max));
        var duplicated = await PostAsync(Repeated(max + 1));

        // then
        Assert.Equal(200, few.Status);
        Assert.Equal(TransportErrorCodes.TooManyFieldRepeats, duplicated.FirstErrorCode);
    }

    [Fact]
    public async Task Root_fields_above_the_limit_are_refused_even_when_fragments_bring_them()
    {
        // given: each fragment selects one root field; there are one more fragments than the limit allows
        var count = fixture.Limits.MaxRootFields + 1;
        var query = "{ " + string.Concat(Enumerable.Range(0, count).Select(i => $"...R{i} ")) + "}\n"
            + string.Concat(Enumerable.Range(0, count).Select(i => $"fragment R{i} on Query {{ __typename }}\n"));

        // when
        var response = await PostAsync(query);

        // then
        Assert.Equal(TransportErrorCodes.TooManyRootFields, response.FirstErrorCode);
    }

    [Fact]
    public async Task A_document_with_too_many_tokens_is_refused_before_it_is_parsed()
    {
        // given: more tokens than allowed, in fewer characters than the length limit
        var max = fixture.Limits.MaxTokens;
        var query = "{" + string.Concat(Enumerable.Repeat(" a", max)) + " }";
        Assert.True(query.Length < TransportGatewayFixture.MaxQueryLength);
        var misses = Cache.Misses;
        var analyses = Cache.Analyses;

        // when
        var response = await PostAsync(query);

        // then: refused without a parse or a measure
        Assert.Equal(400, response.Status);
        Assert.Equal(TransportErrorCodes.TooManyTokens, response.FirstErrorCode);
        Assert.Equal(misses + 1, Cache.Misses);
        Assert.Equal(analyses, Cache.Analyses);
    }

    [Fact]
    public async Task A_fragment_cycle_is_refused_by_validation_without_hanging()
    {
        var response = await PostAsync("{ ...A } fragment A on Query { __typename ...B } fragment B on Query { ...A }");

        Assert.Equal(400, response.Status);
        Assert.Contains("A", response.Body);
    }

    private Task<RawResponse> PostAsync(string query) =>
        fixture.SendAsync(HttpMethod.Post, "/graphql", TransportGatewayFixture.Body(JsonSerializer.Serialize(new { query })), "application/graphql-response+json");
}

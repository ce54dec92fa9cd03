using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using MemberGraph.GraphQL;
using MemberGraph.GraphQL.Relay;
using MemberGraph.GraphQL.Transport;

namespace MemberGraph.Tests.GraphQL;

/// <summary>Each request limit refuses with a clear code, and a request just inside it still runs.</summary>
public sealed class GraphQLLimitsTests(TransportGatewayFixture fixture) : IClassFixture<TransportGatewayFixture>
{
    private const string GraphQLResponseJson = "application/graphql-response+json";

    /// <summary>A query whose deepest path selects <paramref name="depth"/> fields: testNest, child × (depth − 2), level.</summary>
    private static string NestedQuery(int depth) =>
        "{ testNest { " + string.Concat(Enumerable.Repeat("child { ", depth - 2)) + "level" + new string('}', depth - 1) + " }";

    private Task<RawResponse> PostAsync(object body) =>
        fixture.SendAsync(HttpMethod.Post, "/graphql", TransportGatewayFixture.Body(JsonSerializer.Serialize(body)), GraphQLResponseJson);

    [Fact]
    public async Task A_query_nested_deeper_than_the_limit_is_refused_as_too_deep()
    {
        // given
        var maxDepth = fixture.Limits.MaxDepth;

        // when
        var atLimit = await PostAsync(new { query = NestedQuery(maxDepth) });
        var tooDeep = await PostAsync(new { query = NestedQuery(maxDepth + 1) });

        // then
        Assert.Equal(200, atLimit.Status);
        Assert.Equal(400, tooDeep.Status);
        Assert.Equal(TransportErrorCodes.QueryTooDeep, tooDeep.FirstErrorCode);
        Assert.Contains($"at most {maxDepth}", tooDeep.Body);
        Assert.False(tooDeep.Json.ContainsKey("data"));
    }

    [Fact]
    public async Task A_document_nested_beyond_what_the_parser_allows_is_refused_as_too_deep_not_as_a_crash()
    {
        // given: 500 levels, far beyond the parser's recursion guard, yet short enough for the length limit
        var query = "{ testNest " + string.Concat(Enumerable.Repeat("{child", 498)) + "{level" + new string('}', 500);
        Assert.True(query.Length < TransportGatewayFixture.MaxQueryLength);

        // when
        var response = await PostAsync(new { query });

        // then
        Assert.Equal(400, response.Status);
        Assert.Equal(TransportErrorCodes.QueryTooDeep, response.FirstErrorCode);
        Assert.DoesNotContain(fixture.Gateway.Logs.Lines, line => line.StartsWith("Error ", StringComparison.Ordinal) && line.Contains("GraphQLMaxDepthExceededException"));
    }

    [Fact]
    public async Task The_standard_introspection_query_of_graphiql_and_code_generators_runs()
    {
        var response = await PostAsync(new { query = IntrospectionQuery.Text });

        Assert.True(response.Status == 200, response.Body);
        Assert.Null(response.Json["errors"]);
        Assert.Equal("Query", response.Json["data"]!["__schema"]!["queryType"]!["name"]!.GetValue<string>());
    }

    [Fact]
    public async Task Introspection_nested_beyond_its_own_limit_is_refused_as_too_deep()
    {
        var depth = fixture.Limits.MaxIntrospectionDepth;
        var query = "{ __schema { queryType { " + string.Concat(Enumerable.Repeat("ofType { ", depth)) + "name" + new string('}', depth) + " } } }";

        var response = await PostAsync(new { query });

        Assert.Equal(TransportErrorCodes.QueryTooDeep, response.FirstErrorCode);
    }

    [Fact]
    public async Task Introspection_nesting_type_lists_more_than_three_levels_is_refused_even_through_fragments()
    {
        // given: fields within fields within fields is the most introspection may nest
        const string three = "{ __schema { types { fields { type { fields { type { fields { name } } } } } } } }";
        const string four = "{ __schema { types { fields { type { fields { type { fields { type { interfaces { name } } } } } } } } } }";
        const string hidden = """
            { __type(name: "Query") { ...Level } }
            fragment Level on __Type { fields { type { ...Deeper } } }
            fragment Deeper on __Type { possibleTypes { inputFields { type { ...Deepest } } } }
            fragment Deepest on __Type { fields { name } }
            """;

        // when
        var allowed = await PostAsync(new { query = three });
        var refused = await PostAsync(new { query = four });
        var refusedThroughFragments = await PostAsync(new { query = hidden });

        // then
        Assert.True(allowed.Status == 200, allowed.Body);
        Assert.Equal(TransportErrorCodes.QueryTooDeep, refused.FirstErrorCode);
        Assert.Equal(TransportErrorCodes.QueryTooDeep, refusedThroughFragments.FirstErrorCode);
        Assert.Contains("Introspection", refusedThroughFragments.Body);
    }

    [Fact]
    public async Task Many_copies_of_the_introspection_query_in_one_operation_are_refused_as_too_complex()
    {
        // given: the standard query's selection, aliased four times in one operation
        var selection = IntrospectionQuery.Text[(IntrospectionQuery.Text.IndexOf("__schema", StringComparison.Ordinal) + "__schema".Length)..IntrospectionQuery.Text.IndexOf("fragment FullType", StringComparison.Ordinal)];
        selection = selection[..selection.LastIndexOf('}')];
        var fragments = IntrospectionQuery.Text[IntrospectionQuery.Text.IndexOf("fragment FullType", StringComparison.Ordinal)..];
        var query = "{ " + string.Concat(Enumerable.Range(0, 4).Select(i => $" a{i}: __schema {selection}")) + " }\n" + fragments;

        // when
        var response = await PostAsync(new { query });

        // then
        Assert.Equal(TransportErrorCodes.QueryTooComplex, response.FirstErrorCode);
    }

    [Fact]
    public async Task Nested_lists_costing_more_than_the_limit_are_refused_as_too_complex()
    {
        // given: 100 × 100 × 100 nodes is far above the limit; 2 × 2 × 2 far below
        const string query = "query($n: Int) { testNest { children(first: $n) { children(first: $n) { children(first: $n) { level } } } } }";

        // when
        var cheap = await PostAsync(new { query, variables = new { n = 2 } });
        var costly = await PostAsync(new { query, variables = new { n = 100 } });

        // then
        Assert.Equal(200, cheap.Status);
        Assert.Equal(400, costly.Status);
        Assert.Equal(TransportErrorCodes.QueryTooComplex, costly.FirstErrorCode);
        Assert.Contains($"at most {fixture.Limits.MaxComplexity}", costly.Body);
    }

    [Fact]
    public async Task A_page_above_100_is_refused_and_a_page_of_100_is_served()
    {
        // when
        var full = await PostAsync(new { query = "{ testNumbers(first: 100) { totalCount edges { node } pageInfo { hasNextPage } } }" });
        var tooBig = await PostAsync(new { query = "{ testNumbers(first: 101) { edges { node } } }" });

        // then
        Assert.Equal(200, full.Status);
        Assert.Equal(PageRequest.MaxPageSize, full.Json["data"]!["testNumbers"]!["edges"]!.AsArray().Count);
        Assert.True(full.Json["data"]!["testNumbers"]!["pageInfo"]!["hasNextPage"]!.GetValue<bool>());
        Assert.Equal(ErrorCodes.PageSizeExceeded, tooBig.FirstErrorCode);
        Assert.Null(tooBig.Json["data"]!["testNumbers"]);
    }

    [Fact]
    public async Task A_body_above_the_limit_is_a_413_with_or_without_a_content_length()
    {
        // given: a valid request padded past the limit with a long variable
        var padding = new string('x', TransportGatewayFixture.MaxRequestBodyBytes);
        var body = JsonSerializer.Serialize(new { query = "query($t: String!) { testEcho(text: $t) }", variables = new { t = padding } });

        // when
        var withLength = await fixture.SendAsync(HttpMethod.Post, "/graphql", TransportGatewayFixture.Body(body), GraphQLResponseJson);
        var chunked = new StreamContent(new MemoryStream(Encoding.UTF8.GetBytes(body)));
        chunked.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        var streamed = await SendChunkedAsync(chunked);

        // then
        Assert.Equal(413, withLength.Status);
        Assert.Equal(TransportErrorCodes.RequestTooLarge, withLength.FirstErrorCode);
        Assert.Equal(413, streamed.Status);
        Assert.Equal(TransportErrorCodes.RequestTooLarge, streamed.FirstErrorCode);
    }

    [Fact]
    public async Task A_body_just_inside_the_limit_runs()
    {
        var template = JsonSerializer.Serialize(new { query = "query($t: String!) { testEcho(text: $t) }", variables = new { t = "" } });
        var padding = new string('x', TransportGatewayFixture.MaxRequestBodyBytes - Encoding.UTF8.GetByteCount(template));
        var body = JsonSerializer.Serialize(new { query = "query($t: String!) { testEcho(text: $t) }", variables = new { t = padding } });
        Assert.Equal(TransportGatewayFixture.MaxRequestBodyBytes, Encoding.UTF8.GetByteCount(body));

        var response = await fixture.SendAsync(HttpMethod.Post, "/graphql", TransportGatewayFixture.Body(body), GraphQLResponseJson);

        Assert.Equal(200, response.Status);
        Assert.Equal(padding.Length, response.Json["data"]!["testEcho"]!.GetValue<string>().Length);
    }

    [Fact]
    public async Task A_query_text_above_the_limit_is_refused_before_it_is_parsed()
    {
        // given: a body under the size limit whose query text is too long (a long comment)
        var query = "{ __typename }\n#" + new string('x', TransportGatewayFixture.MaxQueryLength);

        // when
        var response = await PostAsync(new { query });

        // then
        Assert.Equal(400, response.Status);
        Assert.Equal(TransportErrorCodes.QueryTooLong, response.FirstErrorCode);
    }

    private async Task<RawResponse> SendChunkedAsync(HttpContent content)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/graphql") { Content = content };
        request.Headers.TransferEncodingChunked = true;
        request.Headers.Accept.ParseAdd(GraphQLResponseJson);
        using var response = await fixture.Gateway.Http.SendAsync(request);
        var body = await response.Content.ReadAsStringAsync();
        return new RawResponse((int)response.StatusCode, response.Content.Headers.ContentType?.ToString(), [], body);
    }
}

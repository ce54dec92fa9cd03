using System.Text.Json;
using MemberGraph.GraphQL.Transport;

namespace MemberGraph.Tests.GraphQL;

/// <summary>
/// The GraphQL-over-HTTP transport through real HTTP: media types and status codes, GET and POST, request
/// refusals with their codes. Limits, caching and error masking have their own classes.
/// </summary>
public sealed class GraphQLHttpTests(TransportGatewayFixture fixture) : IClassFixture<TransportGatewayFixture>
{
    private const string GraphQLResponseJson = "application/graphql-response+json";
    private const string Json = "application/json";

    [Theory]
    [InlineData(GraphQLResponseJson, GraphQLResponseJson)]
    [InlineData(Json, Json)]
    [InlineData("*/*", Json)]
    [InlineData(null, Json)]
    [InlineData("application/json;q=0.5, application/graphql-response+json", GraphQLResponseJson)]
    [InlineData("application/graphql-response+json;q=0.5, application/json", Json)]
    public async Task A_query_is_answered_in_the_media_type_the_client_accepts(string? accept, string expected)
    {
        // when
        var response = await fixture.SendAsync(HttpMethod.Post, "/graphql", TransportGatewayFixture.Body("""{"query":"{ __typename }"}"""), accept);

        // then
        Assert.Equal(200, response.Status);
        Assert.Equal($"{expected}; charset=utf-8", response.ContentType);
        Assert.Equal("Query", response.Json["data"]!["__typename"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_client_accepting_neither_json_type_gets_406()
    {
        var response = await fixture.SendAsync(HttpMethod.Post, "/graphql", TransportGatewayFixture.Body("""{"query":"{ __typename }"}"""), "text/plain");

        Assert.Equal(406, response.Status);
        Assert.Equal(TransportErrorCodes.NotAcceptable, response.FirstErrorCode);
    }

    [Theory]
    [InlineData("{", "SYNTAX_ERROR")]
    [InlineData("{ noSuchField }", "FIELDS_ON_CORRECT_TYPE")]
    public async Task A_document_that_cannot_run_is_a_400_for_graphql_response_json_and_a_200_for_json(string query, string code)
    {
        // given
        var body = JsonSerializer.Serialize(new { query });

        // when
        var strict = await fixture.SendAsync(HttpMethod.Post, "/graphql", TransportGatewayFixture.Body(body), GraphQLResponseJson);
        var legacy = await fixture.SendAsync(HttpMethod.Post, "/graphql", TransportGatewayFixture.Body(body), Json);

        // then
        Assert.Equal(400, strict.Status);
        Assert.Equal(code, strict.FirstErrorCode);
        Assert.False(strict.Json.ContainsKey("data"), strict.Body);
        Assert.Equal(200, legacy.Status);
        Assert.Equal(code, legacy.FirstErrorCode);
    }

    [Theory]
    [InlineData("""{ "query": "{ __typename }" """, TransportErrorCodes.InvalidJson)]
    [InlineData("""{ "notquery": "{ __typename }" }""", TransportErrorCodes.MissingQuery)]
    [InlineData("""{ "query": 42 }""", TransportErrorCodes.InvalidRequest)]
    [InlineData("""{ "query": "{ __typename }", "variables": "{}" }""", TransportErrorCodes.InvalidRequest)]
    [InlineData("""{ "query": "{ __typename }", "operationName": ["a"] }""", TransportErrorCodes.InvalidRequest)]
    [InlineData("""["{ __typename }"]""", TransportErrorCodes.InvalidRequest)]
    [InlineData("", TransportErrorCodes.EmptyBody)]
    public async Task A_body_that_is_not_a_graphql_request_is_a_400_whatever_the_client_accepts(string body, string code)
    {
        foreach (var accept in new[] { GraphQLResponseJson, Json })
        {
            var response = await fixture.SendAsync(HttpMethod.Post, "/graphql", TransportGatewayFixture.Body(body), accept);

            Assert.Equal(400, response.Status);
            Assert.Equal(code, response.FirstErrorCode);
        }
    }

    [Theory]
    [InlineData("text/plain")]
    [InlineData("application/graphql")]
    [InlineData("application/x-www-form-urlencoded")]
    [InlineData("application/json; charset=iso-8859-1")]
    [InlineData(null)]
    public async Task A_post_that_is_not_utf8_json_is_a_415(string? contentType)
    {
        var response = await fixture.SendAsync(HttpMethod.Post, "/graphql", TransportGatewayFixture.Body("""{"query":"{ __typename }"}""", contentType), GraphQLResponseJson);

        Assert.Equal(415, response.Status);
        Assert.Equal(TransportErrorCodes.UnsupportedMediaType, response.FirstErrorCode);
    }

    [Fact]
    public async Task A_post_with_a_utf8_charset_and_non_ascii_text_is_read_as_utf8()
    {
        var response = await fixture.SendAsync(HttpMethod.Post, "/graphql",
            TransportGatewayFixture.Body("""{"query":"query($t: String!) { testEcho(text: $t) }","variables":{"t":"王芳 🏃"}}""", "application/json; charset=utf-8"), GraphQLResponseJson);

        Assert.Equal(200, response.Status);
        Assert.Equal("王芳 🏃", response.Json["data"]!["testEcho"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_get_runs_a_query_with_its_variables_and_operation_name()
    {
        // given
        var path = TransportGatewayFixture.Get("query A { a: testEcho(text: \"a\") } query B($t: String!) { b: testEcho(text: $t) }", """{"t":"from GET"}""", "B");

        // when
        var response = await fixture.SendAsync(HttpMethod.Get, path, accept: GraphQLResponseJson);

        // then
        Assert.Equal(200, response.Status);
        Assert.Equal("""{"data":{"b":"from GET"}}""", response.Body);
    }

    [Fact]
    public async Task A_get_without_a_query_from_a_json_client_is_a_400()
    {
        var response = await fixture.SendAsync(HttpMethod.Get, "/graphql", accept: Json);

        Assert.Equal(400, response.Status);
        Assert.Equal(TransportErrorCodes.MissingQuery, response.FirstErrorCode);
    }

    [Fact]
    public async Task A_get_with_variables_that_are_not_json_is_a_400()
    {
        var response = await fixture.SendAsync(HttpMethod.Get, TransportGatewayFixture.Get("query($t: String!) { testEcho(text: $t) }", "not json"), accept: Json);

        Assert.Equal(400, response.Status);
        Assert.Equal(TransportErrorCodes.InvalidVariables, response.FirstErrorCode);
    }

    [Fact]
    public async Task A_mutation_over_get_is_a_405_that_points_to_post()
    {
        // when
        var overGet = await fixture.SendAsync(HttpMethod.Get, TransportGatewayFixture.Get("mutation { testTouch }"), accept: Json);
        var overPost = await fixture.SendAsync(HttpMethod.Post, "/graphql", TransportGatewayFixture.Body("""{"query":"mutation { testTouch }"}"""), Json);

        // then
        Assert.Equal(405, overGet.Status);
        Assert.Equal(["POST"], overGet.Allow);
        Assert.Equal(TransportErrorCodes.MutationOverGet, overGet.FirstErrorCode);
        Assert.Equal(["code"], overGet.Json["errors"]![0]!["extensions"]!.AsObject().Select(p => p.Key));
        Assert.Null(overGet.Json["data"]);
        Assert.Equal(200, overPost.Status);
        Assert.True(overPost.Json["data"]!["testTouch"]!.GetValue<bool>());
    }

    [Fact]
    public async Task A_get_selecting_the_query_of_a_document_that_also_holds_a_mutation_runs()
    {
        var response = await fixture.SendAsync(HttpMethod.Get, TransportGatewayFixture.Get("query Q { __typename } mutation M { testTouch }", operationName: "Q"), accept: Json);

        Assert.Equal(200, response.Status);
        Assert.Equal("""{"data":{"__typename":"Query"}}""", response.Body);
    }

    [Theory]
    [InlineData("PUT")]
    [InlineData("DELETE")]
    [InlineData("PATCH")]
    public async Task Other_methods_are_a_405_that_lists_get_and_post(string method)
    {
        var response = await fixture.SendAsync(new HttpMethod(method), "/graphql", TransportGatewayFixture.Body("""{"query":"{ __typename }"}"""), Json);

        Assert.Equal(405, response.Status);
        Assert.Equal("GET, POST", string.Join(", ", response.Allow));
        Assert.Equal(TransportErrorCodes.MethodNotAllowed, response.FirstErrorCode);
    }

    [Fact]
    public async Task Variables_are_honoured_and_a_missing_required_one_refuses_the_request()
    {
        // when
        var given = await fixture.SendAsync(HttpMethod.Post, "/graphql",
            TransportGatewayFixture.Body("""{"query":"query($t: String!) { testEcho(text: $t) }","variables":{"t":"hello"}}"""), GraphQLResponseJson);
        var missing = await fixture.SendAsync(HttpMethod.Post, "/graphql",
            TransportGatewayFixture.Body("""{"query":"query($t: String!) { testEcho(text: $t) }","variables":{}}"""), GraphQLResponseJson);

        // then
        Assert.Equal("hello", given.Json["data"]!["testEcho"]!.GetValue<string>());
        Assert.Equal(400, missing.Status);
        Assert.Equal("INVALID_VALUE", missing.FirstErrorCode);
    }

    [Fact]
    public async Task The_operation_name_selects_one_of_several_operations()
    {
        // given
        const string document = "query First { testEcho(text: \"first\") } query Second { testEcho(text: \"second\") }";

        // when
        var second = await fixture.SendAsync(HttpMethod.Post, "/graphql", TransportGatewayFixture.Body(JsonSerializer.Serialize(new { query = document, operationName = "Second" })), GraphQLResponseJson);
        var first = await fixture.SendAsync(HttpMethod.Post, "/graphql", TransportGatewayFixture.Body(JsonSerializer.Serialize(new { query = document, operationName = "First" })), GraphQLResponseJson);
        var unnamed = await fixture.SendAsync(HttpMethod.Post, "/graphql", TransportGatewayFixture.Body(JsonSerializer.Serialize(new { query = document })), GraphQLResponseJson);
        var unknown = await fixture.SendAsync(HttpMethod.Post, "/graphql", TransportGatewayFixture.Body(JsonSerializer.Serialize(new { query = document, operationName = "Third" })), GraphQLResponseJson);

        // then
        Assert.Equal("second", second.Json["data"]!["testEcho"]!.GetValue<string>());
        Assert.Equal("first", first.Json["data"]!["testEcho"]!.GetValue<string>());
        Assert.Equal(400, unnamed.Status);
        Assert.NotNull(unnamed.FirstErrorCode);
        Assert.Equal(400, unknown.Status);
        Assert.NotNull(unknown.FirstErrorCode);
    }

    [Fact]
    public async Task A_browser_opening_the_endpoint_gets_the_query_page()
    {
        // when: what Chromium sends when a developer types the URL
        var response = await fixture.SendAsync(HttpMethod.Get, "/graphql", accept: "text/html,application/xhtml+xml,application/xml;q=0.9,image/avif,image/webp,*/*;q=0.8");

        // then
        Assert.Equal(200, response.Status);
        Assert.Equal("text/html; charset=utf-8", response.ContentType);
        Assert.StartsWith("<!doctype html>", response.Body.TrimStart(), StringComparison.OrdinalIgnoreCase);
        Assert.Contains("application/graphql-response+json", response.Body);
    }

    [Fact]
    public async Task A_browser_following_a_link_with_a_query_gets_the_json_answer()
    {
        var response = await fixture.SendAsync(HttpMethod.Get, TransportGatewayFixture.Get("{ __typename }"), accept: "text/html,*/*;q=0.8");

        Assert.Equal(200, response.Status);
        Assert.Equal("application/json; charset=utf-8", response.ContentType);
    }
}

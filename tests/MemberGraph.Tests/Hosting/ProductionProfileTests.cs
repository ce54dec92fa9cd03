using MemberGraph.Hosting;
using MemberGraph.Hosting.RateLimiting;
using MemberGraph.Tencent.Sandbox;
using MemberGraph.Tests.Infrastructure;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;

namespace MemberGraph.Tests.Hosting;

/// <summary>
/// What <c>ASPNETCORE_ENVIRONMENT=Production</c> locks down (appsettings.Production.json over appsettings.json): no
/// introspection, no Tencent sandbox, trusted documents only, rate limits on, CORS only for listed origins, security
/// headers with HSTS. The rate limits' 429s are <see cref="RateLimitTests"/>.
/// </summary>
public sealed class ProductionProfileTests(ProductionGatewayFixture fixture) : IClassFixture<ProductionGatewayFixture>
{
    private readonly GatewayHost _gateway = fixture.Gateway;

    [Fact]
    public async Task The_profile_switches_on_every_lock_and_a_sandbox_asked_for_stops_the_start()
    {
        // given: the Production profile as it ships, asked for the Tencent sandbox
        await using var gateway = await GatewayHost.StartAsync(new Dictionary<string, string?>
        {
            ["environment"] = "Production",
            ["Tencent:Sandbox"] = "true",
        });

        // when: the check Program.cs runs before the host starts
        var starts = await StartupCheck.PassesAsync(gateway.Services);

        // then
        var configuration = gateway.Service<IConfiguration>();
        Assert.False(configuration.GetValue<bool>("MemberGraph:Introspection"));
        Assert.True(configuration.GetValue<bool>("GraphQL:TrustedDocumentsOnly"));
        Assert.True(gateway.Service<IOptions<RateLimitOptions>>().Value.Enabled);
        Assert.Equal("max-age=31536000", configuration["SecurityHeaders:StrictTransportSecurity"]);
        Assert.Empty(gateway.Service<IOptions<CorsAllowListOptions>>().Value.AllowedOrigins);
        Assert.False(starts);
        Assert.False(gateway.Service<TencentSandboxMode>().Enabled);
        Assert.Contains(gateway.Logs.Lines,
            line => line.Contains("Tencent:Sandbox=true is refused in the Production environment", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Introspection_is_refused_with_a_code_and_the_sandbox_routes_do_not_exist()
    {
        // given
        using var client = new ClientFromAddress(_gateway, "127.0.1.1");

        // when
        var schema = await client.GraphQLAsync("{ __schema { queryType { name } } }");
        var type = await client.GraphQLAsync("{ __type(name: \"Member\") { name } }");
        var typename = await client.GraphQLAsync("{ __typename }");
        using var sandbox = await client.SendAsync(
            new HttpRequestMessage(HttpMethod.Get, "/sandbox/tencent/wechat/sns/jscode2session?js_code=sandbox:o1"));

        // then
        Assert.Equal(400, schema.Status);
        Assert.Null(schema.Json["data"]);
        Assert.Equal("NO_INTROSPECTION", schema.FirstErrorCode);
        Assert.Equal("NO_INTROSPECTION", type.FirstErrorCode);
        Assert.Equal("Query", typename.Json["data"]!["__typename"]!.GetValue<string>());
        Assert.Equal(404, (int)sandbox.StatusCode);
    }

    [Fact]
    public async Task A_preflight_from_an_allowed_origin_is_answered_and_one_from_another_origin_is_not()
    {
        // given
        using var client = new ClientFromAddress(_gateway, "127.0.1.2");

        // when
        using var allowed = await client.SendAsync(Preflight(ProductionGatewayFixture.AllowedOrigin));
        using var other = await client.SendAsync(Preflight("https://evil.example.com"));
        using var post = await client.SendAsync(Post(ProductionGatewayFixture.AllowedOrigin));

        // then: the browser may send the request from the allowed origin only
        Assert.Equal(204, (int)allowed.StatusCode);
        Assert.Equal(ProductionGatewayFixture.AllowedOrigin, Header(allowed, "Access-Control-Allow-Origin"));
        Assert.Contains("POST", Header(allowed, "Access-Control-Allow-Methods")!);
        Assert.Contains("authorization", Header(allowed, "Access-Control-Allow-Headers")!, StringComparison.OrdinalIgnoreCase);
        Assert.Equal("600", Header(allowed, "Access-Control-Max-Age"));
        Assert.Null(Header(allowed, "Access-Control-Allow-Credentials"));
        Assert.Equal(204, (int)other.StatusCode);
        Assert.Null(Header(other, "Access-Control-Allow-Origin"));
        Assert.Null(Header(other, "Access-Control-Allow-Methods"));

        // and the answer itself may be read by that origin, Retry-After included
        Assert.Equal(200, (int)post.StatusCode);
        Assert.Equal(ProductionGatewayFixture.AllowedOrigin, Header(post, "Access-Control-Allow-Origin"));
        Assert.Equal("Retry-After", Header(post, "Access-Control-Expose-Headers"));
    }

    [Fact]
    public async Task Every_answer_carries_the_security_headers_and_GraphQL_answers_are_not_stored()
    {
        // given
        using var client = new ClientFromAddress(_gateway, "127.0.1.3");

        // when: a GraphQL answer, a health check, a preflight and a 404
        using var graphql = await client.SendAsync(Post(origin: null));
        using var health = await client.SendAsync(new HttpRequestMessage(HttpMethod.Get, "/healthz"));
        using var preflight = await client.SendAsync(Preflight(ProductionGatewayFixture.AllowedOrigin));
        using var missing = await client.SendAsync(new HttpRequestMessage(HttpMethod.Get, "/no-such-path"));

        // then
        Assert.All(new[] { graphql, health, preflight, missing }, response =>
        {
            Assert.Equal("nosniff", Header(response, "X-Content-Type-Options"));
            Assert.Equal("no-referrer", Header(response, "Referrer-Policy"));
            Assert.Equal("DENY", Header(response, "X-Frame-Options"));
            Assert.Equal("default-src 'none'; frame-ancestors 'none'", Header(response, "Content-Security-Policy"));
            Assert.Equal("max-age=31536000", Header(response, "Strict-Transport-Security"));
        });
        Assert.Equal(200, (int)graphql.StatusCode);
        Assert.Equal("no-store", Header(graphql, "Cache-Control"));
    }

    private static HttpRequestMessage Preflight(string origin)
    {
        var request = new HttpRequestMessage(HttpMethod.Options, "/graphql");
        request.Headers.Add("Origin", origin);
        request.Headers.Add("Access-Control-Request-Method", "POST");
        request.Headers.Add("Access-Control-Request-Headers", "authorization,content-type");
        return request;
    }

    private static HttpRequestMessage Post(string? origin)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/graphql")
        {
            Content = new StringContent("{\"query\":\"{ __typename }\"}", System.Text.Encoding.UTF8, "application/json"),
        };
        if (origin is not null)
        {
            request.Headers.Add("Origin", origin);
        }

        return request;
    }

    private static string? Header(HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues(name, out var values) || response.Content.Headers.TryGetValues(name, out values)
            ? string.Join(", ", values)
            : null;
}

using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;
using MemberGraph.Tests.Infrastructure;

namespace MemberGraph.Tests.Hosting;

/// <summary>
/// Outside Production the security headers are sent too (without HSTS), and no origin is allowed unless configured. The
/// query page at <c>GET /graphql</c> has its own Content-Security-Policy, naming exactly its inline script and style.
/// </summary>
public sealed partial class SecurityHeadersTests
{
    [Fact]
    public async Task Outside_Production_the_headers_are_sent_without_HSTS_and_no_origin_is_allowed()
    {
        // given
        await using var gateway = await GatewayHost.StartAsync(new Dictionary<string, string?> { ["environment"] = "Development" });
        using var preflight = new HttpRequestMessage(HttpMethod.Options, "/graphql");
        preflight.Headers.Add("Origin", "http://localhost:5090");
        preflight.Headers.Add("Access-Control-Request-Method", "POST");

        // when
        var answer = await gateway.GraphQLAsync("{ __typename }");
        using var health = await gateway.Http.GetAsync("/healthz");
        using var cors = await gateway.Http.SendAsync(preflight);

        // then
        Assert.Equal("nosniff", Header(health, "X-Content-Type-Options"));
        Assert.Equal("default-src 'none'; frame-ancestors 'none'", Header(health, "Content-Security-Policy"));
        Assert.Null(Header(health, "Strict-Transport-Security"));
        Assert.Equal(200, answer.Status);
        Assert.Null(Header(cors, "Access-Control-Allow-Origin"));
    }

    [Fact]
    public async Task The_query_page_allows_exactly_its_own_inline_script_and_style()
    {
        // given
        await using var gateway = await GatewayHost.StartAsync();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/graphql");
        request.Headers.Add("Accept", "text/html");

        // when
        using var page = await gateway.Http.SendAsync(request);
        var html = await page.Content.ReadAsStringAsync();

        // then: the hashes in the policy are those of the script and the style the page holds (a browser checks the same)
        var policy = Header(page, "Content-Security-Policy")!;
        Assert.StartsWith("default-src 'none'; ", policy);
        Assert.Contains($"script-src '{Sha256(Inline().Match(html).Groups["script"].Value)}'", policy);
        Assert.Contains($"style-src '{Sha256(InlineStyle().Match(html).Groups["style"].Value)}'", policy);
        Assert.Contains("connect-src 'self'", policy);
        Assert.Contains("frame-ancestors 'none'", policy);
        Assert.Equal("DENY", Header(page, "X-Frame-Options"));
    }

    private static string Sha256(string text) => "sha256-" + Convert.ToBase64String(SHA256.HashData(Encoding.UTF8.GetBytes(text)));

    private static string? Header(HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues(name, out var values) ? string.Join(", ", values) : null;

    [GeneratedRegex("<script>(?<script>.*?)</script>", RegexOptions.Singleline)]
    private static partial Regex Inline();

    [GeneratedRegex("<style>(?<style>.*?)</style>", RegexOptions.Singleline)]
    private static partial Regex InlineStyle();
}

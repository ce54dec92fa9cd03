using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using MemberGraph.Auth;
using MemberGraph.Domain;
using MemberGraph.Tests.Infrastructure;

namespace MemberGraph.Tests.Hosting;

/// <summary>
/// The token contract as an outside script sees it (DESIGN.md "Roles and who sees what"): an HS256 JWT built by
/// hand — no library of ours — from the documented claims and the configured <c>Auth:SigningKey</c>. The bad-token cases
/// share one gateway with a base64 key (<see cref="Base64KeyGateway"/>); tests of another key or lifetime start their own.
/// </summary>
public sealed class ExternalTokenTests(ExternalTokenTests.Base64KeyGateway keyed) : IClassFixture<ExternalTokenTests.Base64KeyGateway>
{
    [Fact]
    public async Task A_hand_made_token_signed_with_a_base64_key_is_accepted_like_the_gateways_own()
    {
        // given: the key configured as base64, the script signing with the decoded bytes
        var key = RandomNumberGenerator.GetBytes(48);
        await using var gateway = await GatewayHost.StartAsync(new Dictionary<string, string?> { ["Auth:SigningKey"] = Convert.ToBase64String(key) });
        var member = await new TestData(gateway).MemberAsync(phone: "13700002222");

        // when
        var response = await gateway.GraphQLAsync("{ me { id phone } }", token: HandMadeToken(key, MemberClaims(member.Id)));

        // then
        Assert.Equal(GlobalId.Encode("Member", member.Id), response.OkData()["me"]!["id"]!.GetValue<string>());
        Assert.Equal("13700002222", response.OkData()["me"]!["phone"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_hand_made_token_signed_with_a_utf8_text_key_is_accepted_like_the_gateways_own()
    {
        // given: the test gateway's key is UTF-8 text (not valid base64)
        await using var gateway = await GatewayHost.StartAsync();
        var member = await new TestData(gateway).MemberAsync();
        var ownToken = gateway.Token(new TokenSubject(Roles.Member, MemberId: member.Id));

        // when
        var handMade = await gateway.GraphQLAsync("{ me { id displayName } }", token: HandMadeToken(Encoding.UTF8.GetBytes(GatewayHost.SigningKey), MemberClaims(member.Id)));
        var own = await gateway.GraphQLAsync("{ me { id displayName } }", token: ownToken);

        // then
        Assert.Equal(own.OkData().ToJsonString(), handMade.OkData().ToJsonString());
    }

    public static TheoryData<string> BadTokens => new()
    {
        "expired", "wrong signature", "wrong audience", "wrong issuer", "base64 key used as text", "alg none",
        "crit header", "empty crit header", "exp in the year 33658", "exp beyond the maximum lifetime",
    };

    [Theory]
    [MemberData(nameof(BadTokens))]
    public async Task A_bad_token_is_answered_as_an_anonymous_caller_with_a_clean_error(string flaw)
    {
        // given
        var (key, gateway) = (keyed.Key, keyed.Gateway);
        var base64Key = Convert.ToBase64String(key);
        var member = await new TestData(gateway).MemberAsync();
        var claims = MemberClaims(member.Id);
        var token = flaw switch
        {
            "expired" => HandMadeToken(key, claims with { Exp = DateTimeOffset.UtcNow.AddMinutes(-10) }),
            "wrong signature" => HandMadeToken(RandomNumberGenerator.GetBytes(48), claims),
            "wrong audience" => HandMadeToken(key, claims with { Aud = "another-service" }),
            "wrong issuer" => HandMadeToken(key, claims with { Iss = "someone-else" }),
            "base64 key used as text" => HandMadeToken(Encoding.UTF8.GetBytes(base64Key), claims),
            "alg none" => UnsignedToken(claims),
            _ => FlawedToken(flaw, key, claims),
        };

        // when
        var response = await gateway.GraphQLAsync("{ me { id } }", token: token);

        // then: the JWT middleware rejects the token; the request goes on as anonymous and the field rule refuses it
        Assert.Equal(400, response.Status);
        Assert.Equal("AUTH_NOT_AUTHENTICATED", response.FirstErrorCode);
        Assert.Null(response.Data);
        Assert.DoesNotContain(gateway.Logs.Lines, line => line.StartsWith("Error", StringComparison.Ordinal) || line.StartsWith("Critical", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("crit header")]
    [InlineData("empty crit header")]
    [InlineData("exp in the year 33658")]
    [InlineData("exp beyond the maximum lifetime")]
    public async Task A_bad_token_in_connection_init_closes_the_socket_with_4403(string flaw)
    {
        // given
        var (key, gateway) = (keyed.Key, keyed.Gateway);
        var member = await new TestData(gateway).MemberAsync();
        await using var client = await GraphQLWebSocketClient.ConnectAsync(gateway);

        // when
        await client.SendAsync(new { type = "connection_init", payload = new { Authorization = $"Bearer {FlawedToken(flaw, key, MemberClaims(member.Id))}" } });

        // then
        Assert.Equal(4403, await client.WaitForCloseAsync());
    }

    [Fact]
    public async Task A_token_living_as_long_as_the_configured_maximum_is_accepted_over_http_and_the_socket()
    {
        // given: a 30-day token for a gateway whose maximum is 30 days
        var key = RandomNumberGenerator.GetBytes(48);
        await using var gateway = await GatewayHost.StartAsync(new Dictionary<string, string?>
        {
            ["Auth:SigningKey"] = Convert.ToBase64String(key),
            ["Auth:MaxTokenLifetime"] = "30.00:00:00",
        });
        var member = await new TestData(gateway).MemberAsync();
        var token = HandMadeToken(key, MemberClaims(member.Id) with { Exp = DateTimeOffset.UtcNow.AddDays(30) });
        await using var client = await GraphQLWebSocketClient.ConnectAsync(gateway);

        // when
        var response = await gateway.GraphQLAsync("{ me { id } }", token: token);
        await client.InitAsync(token);

        // then
        Assert.Equal(GlobalId.Encode("Member", member.Id), response.OkData()["me"]!["id"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_gateway_configured_to_issue_tokens_longer_than_it_accepts_does_not_start()
    {
        var refused = await Assert.ThrowsAsync<Microsoft.Extensions.Options.OptionsValidationException>(() => GatewayHost.StartAsync(new Dictionary<string, string?>
        {
            ["Auth:MemberTokenLifetime"] = "60.00:00:00",
        }));

        Assert.Contains("Auth:MaxTokenLifetime", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_bad_token_on_a_field_open_to_anonymous_callers_still_gets_an_answer()
    {
        // given
        await using var gateway = await GatewayHost.StartAsync();
        var token = HandMadeToken(RandomNumberGenerator.GetBytes(48), MemberClaims(1));

        // when
        var response = await gateway.GraphQLAsync("{ __typename }", token: token);

        // then
        Assert.Equal(200, response.Status);
        Assert.Equal("Query", response.OkData()["__typename"]!.GetValue<string>());
    }

    /// <summary>
    /// A gateway whose <c>Auth:SigningKey</c> is 48 random bytes configured as base64, shared by the bad-token cases: each
    /// makes its own member, and none may leave an error in the log they all check.
    /// </summary>
    public sealed class Base64KeyGateway : IAsyncLifetime
    {
        public byte[] Key { get; } = RandomNumberGenerator.GetBytes(48);

        public GatewayHost Gateway { get; private set; } = null!;

        public async Task InitializeAsync() =>
            Gateway = await GatewayHost.StartAsync(new Dictionary<string, string?> { ["Auth:SigningKey"] = Convert.ToBase64String(Key) });

        public async Task DisposeAsync() => await Gateway.DisposeAsync();
    }

    private sealed record Claims(string Sub, string Role, string MemberId, DateTimeOffset Exp, string Iss = "membergraph", string Aud = "membergraph", long? ExpSeconds = null);

    /// <summary>
    /// Correctly signed tokens the gateway must still refuse: a <c>crit</c> header names extensions the gateway does not
    /// implement (RFC 7515 §4.1.11: refuse), and an <c>exp</c> further away than <c>Auth:MaxTokenLifetime</c> (30 days by default).
    /// </summary>
    private static string FlawedToken(string flaw, byte[] key, Claims claims) => flaw switch
    {
        "crit header" => HandMadeToken(key, claims, new Dictionary<string, object> { ["alg"] = "HS256", ["typ"] = "JWT", ["crit"] = new[] { "x-unknown" }, ["x-unknown"] = true }),
        "empty crit header" => HandMadeToken(key, claims, new Dictionary<string, object> { ["alg"] = "HS256", ["typ"] = "JWT", ["crit"] = Array.Empty<string>() }),
        "exp in the year 33658" => HandMadeToken(key, claims with { ExpSeconds = 1_000_000_000_000 }),
        "exp beyond the maximum lifetime" => HandMadeToken(key, claims with { Exp = DateTimeOffset.UtcNow.AddDays(31) }),
        _ => throw new ArgumentOutOfRangeException(nameof(flaw)),
    };

    private static Claims MemberClaims(long memberId)
    {
        var id = GlobalId.Encode("Member", memberId);
        return new Claims(id, "member", id, DateTimeOffset.UtcNow.AddHours(1));
    }

    /// <summary>What a shell or Python script would do: base64url(header).base64url(payload), HMAC-SHA256 over that.</summary>
    private static string HandMadeToken(byte[] key, Claims claims, object? header = null)
    {
        var unsigned = Segment(header ?? new { alg = "HS256", typ = "JWT" }) + "." + Segment(Payload(claims));
        var signature = HMACSHA256.HashData(key, Encoding.ASCII.GetBytes(unsigned));
        return unsigned + "." + Base64Url.EncodeToString(signature);
    }

    private static string UnsignedToken(Claims claims) => Segment(new { alg = "none", typ = "JWT" }) + "." + Segment(Payload(claims)) + ".";

    private static Dictionary<string, object> Payload(Claims claims) => new()
    {
        ["sub"] = claims.Sub,
        ["role"] = claims.Role,
        ["member_id"] = claims.MemberId,
        ["exp"] = claims.ExpSeconds ?? claims.Exp.ToUnixTimeSeconds(),
        ["iss"] = claims.Iss,
        ["aud"] = claims.Aud,
    };

    private static string Segment(object value) => Base64Url.EncodeToString(JsonSerializer.SerializeToUtf8Bytes(value));
}

using System.Buffers.Text;
using System.Text;
using System.Text.Json.Nodes;
using MemberGraph.Domain;
using MemberGraph.Tests.Infrastructure;

namespace MemberGraph.Tests.Partners;

/// <summary>A gateway whose partner tokens live 5 minutes (<c>Partners:TokenMinutes</c>), shared by the token endpoint's cases.</summary>
public sealed class OAuthGatewayFixture : IAsyncLifetime
{
    public GatewayHost Gateway { get; private set; } = null!;

    public async Task InitializeAsync() =>
        Gateway = await GatewayHost.StartAsync(new Dictionary<string, string?> { ["Partners:TokenMinutes"] = "5" });

    public async Task DisposeAsync() => await Gateway.DisposeAsync();
}

/// <summary>
/// <c>POST /oauth/token</c>, the client-credentials grant of RFC 6749 §4.4, over real HTTP: both ways of client
/// authentication, scope narrowing, every error of §5.2 with its status, body and headers, and what rotating a secret
/// or suspending a partner does to secrets and tokens.
/// </summary>
public sealed class OAuthTokenEndpointTests(OAuthGatewayFixture fixture) : IClassFixture<OAuthGatewayFixture>
{
    private const string Lookup = "{ partnerMemberLookup(phone: \"18600000000\") { id } }";

    private GatewayHost Gateway => fixture.Gateway;

    [Fact]
    public async Task Http_Basic_credentials_get_a_bearer_token_with_every_allowed_scope_that_no_cache_keeps()
    {
        // given
        var kit = new PartnerKit(Gateway);
        var partner = await kit.RegisterAsync("BENEFITS_READ", "POINTS_EXCHANGE");

        // when
        var answer = await kit.TokenRequestAsync([("grant_type", "client_credentials")], PartnerKit.Basic(partner.ClientId, partner.Secret));

        // then: RFC 6749 §5.1, and the token is a partner token of this partner for 5 minutes (Partners:TokenMinutes)
        Assert.Equal(200, answer.Status);
        AssertNoStore(answer);
        Assert.Equal("application/json", answer.ContentHeaders.ContentType!.MediaType);
        Assert.Equal("Bearer", answer.Body["token_type"]!.GetValue<string>());
        Assert.Equal(300, answer.Body["expires_in"]!.GetValue<int>());
        Assert.Equal("benefits:read points:exchange", answer.Body["scope"]!.GetValue<string>());
        var claims = Claims(answer.AccessToken);
        Assert.Equal("partner", claims["role"]!.GetValue<string>());
        Assert.Equal(partner.Id, claims["partner_id"]!.GetValue<string>());
        Assert.Equal(partner.Id, claims["sub"]!.GetValue<string>());
        Assert.Equal("benefits:read points:exchange", claims["scope"]!.GetValue<string>());
        Assert.Equal(1, claims["partner_secret_version"]!.GetValue<int>());
        Assert.Equal(300, claims["exp"]!.GetValue<long>() - claims["iat"]!.GetValue<long>());
        var lookup = await Gateway.GraphQLAsync(Lookup, token: answer.AccessToken);
        Assert.Null(lookup.OkData()["partnerMemberLookup"]);
    }

    [Fact]
    public async Task Body_credentials_get_a_token_too()
    {
        // given
        var kit = new PartnerKit(Gateway);
        var partner = await kit.RegisterAsync("BENEFITS_READ");

        // when
        var answer = await kit.TokenRequestAsync(
            [("grant_type", "client_credentials"), ("client_id", partner.ClientId), ("client_secret", partner.Secret)]);

        // then
        Assert.Equal(200, answer.Status);
        AssertNoStore(answer);
        Assert.Equal("benefits:read", answer.Body["scope"]!.GetValue<string>());
        Assert.Null((await Gateway.GraphQLAsync(Lookup, token: answer.AccessToken)).OkData()["partnerMemberLookup"]);
    }

    [Fact]
    public async Task Basic_credentials_are_form_decoded_before_use()
    {
        // given: every character of the client id and secret percent-encoded, as a client may (RFC 6749 §2.3.1)
        var kit = new PartnerKit(Gateway);
        var partner = await kit.RegisterAsync("BENEFITS_READ");
        static string Encoded(string text) => string.Concat(Encoding.UTF8.GetBytes(text).Select(b => $"%{b:X2}"));
        var basic = "Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes($"{Encoded(partner.ClientId)}:{Encoded(partner.Secret)}"));

        // when
        var answer = await kit.TokenRequestAsync([("grant_type", "client_credentials")], basic);

        // then
        Assert.Equal(200, answer.Status);
    }

    [Fact]
    public async Task A_scope_narrows_the_token_to_it()
    {
        // given
        var kit = new PartnerKit(Gateway);
        var partner = await kit.RegisterAsync("BENEFITS_READ", "BENEFITS_REDEEM", "POINTS_EXCHANGE");

        // when: two of three, out of order and with extra spaces
        var answer = await kit.TokenRequestAsync([("grant_type", "client_credentials"), ("scope", " points:exchange  benefits:read")],
            PartnerKit.Basic(partner.ClientId, partner.Secret));

        // then
        Assert.Equal(200, answer.Status);
        Assert.Equal("benefits:read points:exchange", answer.Body["scope"]!.GetValue<string>());
        Assert.Equal("benefits:read points:exchange", Claims(answer.AccessToken)["scope"]!.GetValue<string>());
    }

    public enum BadRequest
    {
        Get,
        JsonBody,
        MissingGrantType,
        EmptyGrantType,
        PasswordGrant,
        RepeatedGrantType,
        RepeatedScope,
        BasicAndBodyCredentials,
        NoCredentials,
        OnlyClientIdInBody,
        WrongSecretByBasic,
        UnknownClientByBasic,
        WrongSecretInBody,
        BasicNotBase64,
        BearerInsteadOfBasic,
        ScopeNotAllowed,
        UnknownScope,
        SuspendedPartner,
    }

    [Theory]
    [InlineData(BadRequest.Get, 400, "invalid_request")]
    [InlineData(BadRequest.JsonBody, 400, "invalid_request")]
    [InlineData(BadRequest.MissingGrantType, 400, "invalid_request")]
    [InlineData(BadRequest.EmptyGrantType, 400, "invalid_request")]
    [InlineData(BadRequest.PasswordGrant, 400, "unsupported_grant_type")]
    [InlineData(BadRequest.RepeatedGrantType, 400, "invalid_request")]
    [InlineData(BadRequest.RepeatedScope, 400, "invalid_request")]
    [InlineData(BadRequest.BasicAndBodyCredentials, 400, "invalid_request")]
    [InlineData(BadRequest.NoCredentials, 401, "invalid_client")]
    [InlineData(BadRequest.OnlyClientIdInBody, 401, "invalid_client")]
    [InlineData(BadRequest.WrongSecretByBasic, 401, "invalid_client")]
    [InlineData(BadRequest.UnknownClientByBasic, 401, "invalid_client")]
    [InlineData(BadRequest.WrongSecretInBody, 401, "invalid_client")]
    [InlineData(BadRequest.BasicNotBase64, 401, "invalid_client")]
    [InlineData(BadRequest.BearerInsteadOfBasic, 401, "invalid_client")]
    [InlineData(BadRequest.ScopeNotAllowed, 400, "invalid_scope")]
    [InlineData(BadRequest.UnknownScope, 400, "invalid_scope")]
    [InlineData(BadRequest.SuspendedPartner, 401, "invalid_client")]
    public async Task Each_bad_request_gets_the_RFC_6749_error_with_its_status_body_and_headers(BadRequest bad, int status, string error)
    {
        // given: a partner that may hold benefits:read only
        var kit = new PartnerKit(Gateway);
        var partner = await kit.RegisterAsync("BENEFITS_READ");
        var basic = PartnerKit.Basic(partner.ClientId, partner.Secret);
        (string, string) grant = ("grant_type", "client_credentials");
        if (bad == BadRequest.SuspendedPartner)
        {
            await Gateway.GraphQLAsync(PartnerKit.SetStatus, new { id = partner.Id, status = "SUSPENDED" }, kit.AdminToken);
        }

        // when
        var answer = bad switch
        {
            BadRequest.Get => await kit.TokenRequestAsync([], basic, HttpMethod.Get, new StringContent("")),
            BadRequest.JsonBody => await kit.TokenRequestAsync(
                [], basic, content: new StringContent("{\"grant_type\":\"client_credentials\"}", Encoding.UTF8, "application/json")),
            BadRequest.MissingGrantType => await kit.TokenRequestAsync([("scope", "benefits:read")], basic),
            BadRequest.EmptyGrantType => await kit.TokenRequestAsync([("grant_type", "")], basic),
            BadRequest.PasswordGrant => await kit.TokenRequestAsync([("grant_type", "password"), ("username", "a"), ("password", "b")], basic),
            BadRequest.RepeatedGrantType => await kit.TokenRequestAsync([grant, grant], basic),
            BadRequest.RepeatedScope => await kit.TokenRequestAsync([grant, ("scope", "benefits:read"), ("scope", "benefits:read")], basic),
            BadRequest.BasicAndBodyCredentials =>
                await kit.TokenRequestAsync([grant, ("client_id", partner.ClientId), ("client_secret", partner.Secret)], basic),
            BadRequest.NoCredentials => await kit.TokenRequestAsync([grant]),
            BadRequest.OnlyClientIdInBody => await kit.TokenRequestAsync([grant, ("client_id", partner.ClientId)]),
            BadRequest.WrongSecretByBasic => await kit.TokenRequestAsync([grant], PartnerKit.Basic(partner.ClientId, partner.Secret + "x")),
            BadRequest.UnknownClientByBasic => await kit.TokenRequestAsync([grant], PartnerKit.Basic("mgp_nosuchclient00", partner.Secret)),
            BadRequest.WrongSecretInBody => await kit.TokenRequestAsync([grant, ("client_id", partner.ClientId), ("client_secret", "mgs_wrong")]),
            BadRequest.BasicNotBase64 => await kit.TokenRequestAsync([grant], "Basic not*base64"),
            BadRequest.BearerInsteadOfBasic => await kit.TokenRequestAsync([grant], "Bearer " + partner.Secret),
            BadRequest.ScopeNotAllowed => await kit.TokenRequestAsync([grant, ("scope", "benefits:read points:exchange")], basic),
            BadRequest.UnknownScope => await kit.TokenRequestAsync([grant, ("scope", "admin")], basic),
            BadRequest.SuspendedPartner => await kit.TokenRequestAsync([grant], basic),
            _ => throw new ArgumentOutOfRangeException(nameof(bad)),
        };

        // then: RFC 6749 §5.2 — the error code, a description, no token; never cached; a Basic challenge on every 401
        Assert.True(answer.Status == status, $"{bad}: {answer.Status} {answer.Body.ToJsonString()}");
        Assert.Equal(error, answer.Error);
        Assert.False(string.IsNullOrWhiteSpace(answer.Body["error_description"]?.GetValue<string>()));
        Assert.All(answer.Body["error_description"]!.GetValue<string>(),
            c => Assert.True(c is >= ' ' and <= '~' and not '"' and not '\\', $"'{c}' in the description"));
        Assert.Null(answer.Body["access_token"]);
        Assert.Equal("application/json", answer.ContentHeaders.ContentType!.MediaType);
        AssertNoStore(answer);
        if (status == 401)
        {
            Assert.Equal("Basic realm=\"membergraph\", charset=\"UTF-8\"", Assert.Single(answer.Headers.WwwAuthenticate).ToString());
        }
        else
        {
            Assert.Empty(answer.Headers.WwwAuthenticate);
        }

        if (bad == BadRequest.Get)
        {
            Assert.Equal(["POST"], answer.ContentHeaders.Allow);
        }
    }

    [Fact]
    public async Task An_unknown_client_and_a_wrong_secret_get_the_same_answer()
    {
        // given
        var kit = new PartnerKit(Gateway);
        var partner = await kit.RegisterAsync();

        // when
        var wrong = await kit.TokenRequestAsync([("grant_type", "client_credentials")], PartnerKit.Basic(partner.ClientId, "mgs_guess"));
        var unknown = await kit.TokenRequestAsync([("grant_type", "client_credentials")], PartnerKit.Basic("mgp_unknown0000000", "mgs_guess"));

        // then
        Assert.Equal(401, wrong.Status);
        Assert.Equal(wrong.Body.ToJsonString(), unknown.Body.ToJsonString());
    }

    [Fact]
    public async Task Rotating_the_secret_refuses_the_old_secret_at_once_and_its_tokens_from_their_next_request()
    {
        // given: a token from the first secret, working
        var kit = new PartnerKit(Gateway);
        var partner = await kit.RegisterAsync();
        var oldToken = await kit.TokenAsync(partner);
        Assert.Null((await Gateway.GraphQLAsync(Lookup, token: oldToken)).OkData()["partnerMemberLookup"]);

        // when
        var rotated = (await Gateway.GraphQLAsync(PartnerKit.Rotate, new { id = partner.Id }, kit.AdminToken)).OkData()["rotatePartnerSecret"]!;
        var newSecret = rotated["clientSecret"]!.GetValue<string>();

        // then: the old secret is an invalid client, the old token no longer stands, the new secret works
        Assert.Equal(2, rotated["partner"]!["secretVersion"]!.GetValue<int>());
        Assert.NotEqual(partner.Secret, newSecret);
        var withOld = await kit.TokenRequestAsync([("grant_type", "client_credentials")], PartnerKit.Basic(partner.ClientId, partner.Secret));
        Assert.Equal((401, "invalid_client"), (withOld.Status, withOld.Error));
        var oldTokenNow = await Gateway.GraphQLAsync(Lookup, token: oldToken);
        Assert.Equal(RefusalCodes.NotAuthenticated, oldTokenNow.FirstErrorCode);
        Assert.Null(oldTokenNow.Data?["partnerMemberLookup"]);
        var newToken = await kit.TokenAsync(partner with { Secret = newSecret });
        Assert.Equal(2, Claims(newToken)["partner_secret_version"]!.GetValue<int>());
        Assert.Null((await Gateway.GraphQLAsync(Lookup, token: newToken)).OkData()["partnerMemberLookup"]);
    }

    [Fact]
    public async Task Suspending_a_partner_refuses_its_tokens_and_reactivating_it_lets_it_sign_in_again()
    {
        // given
        var kit = new PartnerKit(Gateway);
        var partner = await kit.RegisterAsync();
        var token = await kit.TokenAsync(partner);
        var devToken = kit.PartnerDevToken(partner.Key); // minted by a key holder: bound to no secret, still bound to the partner's status

        // when
        await Gateway.GraphQLAsync(PartnerKit.SetStatus, new { id = partner.Id, status = "SUSPENDED" }, kit.AdminToken);

        // then
        Assert.Equal(RefusalCodes.NotAuthenticated, (await Gateway.GraphQLAsync(Lookup, token: token)).FirstErrorCode);
        Assert.Equal(RefusalCodes.NotAuthenticated, (await Gateway.GraphQLAsync(Lookup, token: devToken)).FirstErrorCode);
        await Gateway.GraphQLAsync(PartnerKit.SetStatus, new { id = partner.Id, status = "ACTIVE" }, kit.AdminToken);
        Assert.Null((await Gateway.GraphQLAsync(Lookup, token: token)).OkData()["partnerMemberLookup"]);
        Assert.Null((await Gateway.GraphQLAsync(Lookup, token: await kit.TokenAsync(partner))).OkData()["partnerMemberLookup"]);
    }

    [Fact]
    public async Task The_secret_is_shown_once_and_kept_only_as_a_hash_and_every_admin_change_is_audited()
    {
        // given
        var kit = new PartnerKit(Gateway);
        var partner = await kit.RegisterAsync();

        // when
        await Gateway.GraphQLAsync(PartnerKit.Rotate, new { id = partner.Id }, kit.AdminToken);
        await Gateway.GraphQLAsync(PartnerKit.SetStatus, new { id = partner.Id, status = "SUSPENDED" }, kit.AdminToken);
        var listed = await Gateway.GraphQLAsync(
            "{ partners(first: 100) { edges { node { id clientId status secretVersion } } } }", token: kit.AdminToken);

        // then
        await using var db = Gateway.Db();
        var row = db.Partners.Single(p => p.Id == partner.Key);
        Assert.Equal(32, row.SecretHash.Length);
        Assert.DoesNotContain(partner.Secret, System.Text.Json.JsonSerializer.Serialize(row));
        Assert.Equal(["partner.register", "partner.rotateSecret", "partner.status"],
            db.AuditEntries.Where(a => a.Target == $"Partner:{partner.Key}").OrderBy(a => a.Id).Select(a => a.Operation).ToList());
        var node = listed.OkData()["partners"]!["edges"]!.AsArray().Select(e => e!["node"]!).Single(n => n["id"]!.GetValue<string>() == partner.Id);
        Assert.Equal(("SUSPENDED", 2), (node["status"]!.GetValue<string>(), node["secretVersion"]!.GetValue<int>()));
        Assert.DoesNotContain("clientSecret", listed.Body);
    }

    private static void AssertNoStore(TokenAnswer answer)
    {
        Assert.True(answer.Headers.CacheControl?.NoStore, "Cache-Control: no-store");
        Assert.Contains("no-cache", answer.Headers.Pragma.Select(p => p.ToString()));
    }

    private static JsonObject Claims(string jwt) =>
        JsonNode.Parse(Base64Url.DecodeFromChars(jwt.Split('.')[1]))!.AsObject();
}

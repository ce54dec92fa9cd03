using System.Security.Cryptography;
using MemberGraph.Tencent.WeCom;
using MemberGraph.Tests.Infrastructure;

namespace MemberGraph.Tests.Tencent;

/// <summary>/wecom/callback through real HTTP: URL verification, and every forged or malformed delivery refused with a 4xx and a log line.</summary>
public sealed class WeComCallbackEndpointTests : IAsyncLifetime
{
    private WeComTestHost _host = null!;

    public async Task InitializeAsync() => _host = await WeComTestHost.StartAsync();

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task Url_verification_with_a_valid_signature_answers_the_bare_plaintext()
    {
        // given
        var echo = _host.Crypto.Encrypt("5927782489442352469");
        var signature = _host.Crypto.Signature("1409659589", "263014780", echo);

        // when
        using var response = await _host.Gateway.Http.GetAsync($"/wecom/callback?msg_signature={signature}&timestamp=1409659589&nonce=263014780&echostr={Uri.EscapeDataString(echo)}");

        // then
        Assert.Equal(200, (int)response.StatusCode);
        Assert.Equal("text/plain", response.Content.Headers.ContentType!.MediaType);
        Assert.Equal("5927782489442352469", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Url_verification_with_a_forged_signature_is_refused_with_a_log_line()
    {
        var echo = _host.Crypto.Encrypt("5927782489442352469");
        var forged = new WeComCrypto("another-token", WeComTestHost.EncodingAesKey, WeComTestHost.CorpId).Signature("1409659589", "263014780", echo);

        using var response = await _host.Gateway.Http.GetAsync($"/wecom/callback?msg_signature={forged}&timestamp=1409659589&nonce=263014780&echostr={Uri.EscapeDataString(echo)}");

        Assert.Equal(401, (int)response.StatusCode);
        Assert.DoesNotContain("5927782489442352469", await response.Content.ReadAsStringAsync());
        AssertRefusalLogged("msg_signature does not match");
    }

    [Fact]
    public async Task A_valid_event_is_answered_with_success()
    {
        var xml = WeComTestHost.ContactEventXml("edit_external_contact", "nobody", WeComTestHost.ExternalUserId(), WeComTestHost.NextCreateTime());

        using var response = await _host.PostEventAsync(xml);

        Assert.Equal(200, (int)response.StatusCode);
        Assert.Equal("success", await response.Content.ReadAsStringAsync());
    }

    public static TheoryData<string, int, string> ForgedDeliveries() => new()
    {
        { "forged signature", 401, "msg_signature does not match" },
        { "wrong receive id", 403, "receive id is not our corp id" },
        { "bad padding", 400, "bad PKCS#7 padding" },
        { "bad base64", 400, "not valid base64" },
        { "malformed envelope", 400, "not an XML envelope" },
        { "envelope with a DTD", 400, "not an XML envelope" },
        { "malformed event xml", 400, "not well-formed XML" },
        { "oversized body", 413, "body larger than 64 KB" },
        { "missing signature", 400, "without msg_signature" },
    };

    [Theory]
    [MemberData(nameof(ForgedDeliveries))]
    public async Task Forged_or_malformed_deliveries_are_refused_with_a_4xx_and_a_log_line(string delivery, int status, string logged)
    {
        // given
        var eventXml = WeComTestHost.ContactEventXml("add_external_contact", "someone", WeComTestHost.ExternalUserId(), WeComTestHost.NextCreateTime(), "GC0001");

        // when
        using var response = delivery switch
        {
            "forged signature" => await _host.PostEncryptedAsync(_host.Crypto.Encrypt(eventXml), signature: new string('0', 40)),
            "wrong receive id" => await _host.PostEventAsync(eventXml, new WeComCrypto(WeComTestHost.Token, WeComTestHost.EncodingAesKey, "ww-another-corp")),
            "bad padding" => await _host.PostEncryptedAsync(EncryptRaw(new byte[64])),
            "bad base64" => await _host.PostEncryptedAsync("@@not*base64@@"),
            "malformed envelope" => await _host.PostRawAsync("<xml><Encrypt>abc</Encrypt>", "sig", "1", "2"),
            "envelope with a DTD" => await _host.PostRawAsync(
                "<?xml version=\"1.0\"?><!DOCTYPE xml [<!ENTITY xxe SYSTEM \"file:///etc/passwd\">]><xml><Encrypt>&xxe;</Encrypt></xml>", "sig", "1", "2"),
            "malformed event xml" => await _host.PostEventAsync("<xml><Event>change_external_contact</Event>"),
            "oversized body" => await _host.PostRawAsync($"<xml><Encrypt><![CDATA[{new string('A', 70 * 1024)}]]></Encrypt></xml>", "sig", "1", "2"),
            "missing signature" => await _host.Gateway.Http.PostAsync("/wecom/callback", new StringContent("<xml/>")),
            _ => throw new ArgumentOutOfRangeException(nameof(delivery)),
        };

        // then
        Assert.Equal(status, (int)response.StatusCode);
        AssertRefusalLogged(logged);
        await using var db = _host.Gateway.Db();
        Assert.Empty(db.WeComCallbackEvents);
        Assert.Empty(db.Members);
    }

    private void AssertRefusalLogged(string reason) =>
        Assert.Contains(_host.Gateway.Logs.Lines, line => line.Contains("WeCom callback refused", StringComparison.Ordinal) && line.Contains(reason, StringComparison.Ordinal));

    /// <summary>AES-CBC of raw bytes with the callback key, no padding added: the decrypted padding is whatever the bytes say.</summary>
    private static string EncryptRaw(byte[] plain)
    {
        var key = Convert.FromBase64String(WeComTestHost.EncodingAesKey + "=");
        using var aes = Aes.Create();
        aes.Key = key;
        return Convert.ToBase64String(aes.EncryptCbc(plain, key.AsSpan(0, 16), PaddingMode.None));
    }
}

using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using MemberGraph.Tencent.WeCom;
using Microsoft.Extensions.DependencyInjection;

namespace MemberGraph.Tests.Infrastructure;

/// <summary>
/// A gateway wired to a <see cref="WeComStub"/> and to a known callback configuration, with helpers that send
/// WeCom callbacks exactly as WeCom does: the event XML encrypted into an <c>&lt;Encrypt&gt;</c> envelope, signed in
/// the query string.
/// </summary>
public sealed class WeComTestHost : IAsyncDisposable
{
    public const string CorpId = "ww-test-corp";
    public const string Token = "test-callback-token";
    public const string EncodingAesKey = "abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG";

    private static long _createTime;

    private WeComTestHost(GatewayHost gateway, WeComStub stub)
    {
        Gateway = gateway;
        Stub = stub;
        Data = new TestData(gateway);
        Crypto = new WeComCrypto(Token, EncodingAesKey, CorpId);
    }

    public GatewayHost Gateway { get; }
    public WeComStub Stub { get; }
    public TestData Data { get; }
    public WeComCrypto Crypto { get; }

    public static async Task<WeComTestHost> StartAsync(
        IDictionary<string, string?>? settings = null, Action<IServiceCollection>? services = null, MemberGraph.Data.DatabaseKind database = MemberGraph.Data.DatabaseKind.Sqlite)
    {
        var stub = await WeComStub.StartAsync();
        var config = new Dictionary<string, string?>
        {
            ["WeCom:BaseUrl"] = stub.BaseUrl,
            ["WeCom:CorpId"] = CorpId,
            ["WeCom:Token"] = Token,
            ["WeCom:EncodingAesKey"] = EncodingAesKey,
            ["WeCom:AgentSecret"] = "test-agent-secret",
            ["WeCom:Timeout"] = "00:00:05",
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            config[key] = value;
        }

        return new WeComTestHost(await GatewayHost.StartAsync(config, services: services, database: database), stub);
    }

    /// <summary>
    /// A unique CreateTime, so two events of a test are never taken for a replay of each other: now (the gateway refuses
    /// callbacks older than WeCom:CallbackMaxAge), or one second after the last one handed out when that is later.
    /// </summary>
    public static long NextCreateTime()
    {
        var now = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        while (true)
        {
            var last = Interlocked.Read(ref _createTime);
            var next = Math.Max(now, last + 1);
            if (Interlocked.CompareExchange(ref _createTime, next, last) == last)
            {
                return next;
            }
        }
    }

    public static string ContactEventXml(string changeType, string userId, string externalUserId, long createTime, string? state = null, string? failReason = null, string? source = null) =>
        WeComContactEventXml.Build(CorpId, changeType, userId, externalUserId, createTime, state, failReason, source);

    /// <summary>Encrypts and signs <paramref name="eventXml"/> like WeCom and POSTs it to /wecom/callback.</summary>
    public Task<HttpResponseMessage> PostEventAsync(string eventXml, WeComCrypto? crypto = null) =>
        PostEncryptedAsync((crypto ?? Crypto).Encrypt(eventXml), crypto);

    /// <summary>POSTs an envelope around <paramref name="encrypted"/>, signed with the right token unless told otherwise.</summary>
    public Task<HttpResponseMessage> PostEncryptedAsync(string encrypted, WeComCrypto? crypto = null, string? signature = null)
    {
        var delivery = Delivery(encrypted, DateTimeOffset.UtcNow.ToUnixTimeSeconds(), crypto);
        return PostRawAsync(delivery.Body, signature ?? delivery.Signature, delivery.Timestamp, delivery.Nonce);
    }

    /// <summary>One delivery exactly as it goes over the wire, signed for <paramref name="timestamp"/>: post it twice to replay it.</summary>
    public WeComDelivery Delivery(string encrypted, long timestamp, WeComCrypto? crypto = null)
    {
        var (stamp, nonce) = (timestamp.ToString(System.Globalization.CultureInfo.InvariantCulture), RandomNonce());
        var envelope = WeComContactEventXml.Envelope(CorpId, encrypted);
        return new WeComDelivery(envelope, (crypto ?? Crypto).Signature(stamp, nonce, encrypted), stamp, nonce);
    }

    public Task<HttpResponseMessage> PostAsync(WeComDelivery delivery) => PostRawAsync(delivery.Body, delivery.Signature, delivery.Timestamp, delivery.Nonce);

    public async Task<HttpResponseMessage> PostRawAsync(string body, string signature, string timestamp, string nonce)
    {
        using var content = new StringContent(body, Encoding.UTF8);
        content.Headers.ContentType = new MediaTypeHeaderValue("text/xml");
        return await Gateway.Http.PostAsync($"/wecom/callback?msg_signature={signature}&timestamp={timestamp}&nonce={nonce}", content);
    }

    /// <summary>Sends an add_external_contact for the guide's WeCom user with their guide code as state; asserts WeCom got "success".</summary>
    public async Task AddContactAsync(string guideWeComUserId, string externalUserId, string? state, long? createTime = null)
    {
        using var response = await PostEventAsync(ContactEventXml(WeComContactEvent.AddExternalContact, guideWeComUserId, externalUserId, createTime ?? NextCreateTime(), state));
        Assert.Equal(200, (int)response.StatusCode);
        Assert.Equal("success", await response.Content.ReadAsStringAsync());
    }

    public static string RandomNonce() => Convert.ToHexString(RandomNumberGenerator.GetBytes(5));

    public static string ExternalUserId() => $"wm{Guid.NewGuid():N}"[..32];

    public async ValueTask DisposeAsync()
    {
        await Gateway.DisposeAsync();
        await Stub.DisposeAsync();
    }
}

/// <summary>A signed callback delivery: the envelope body and the query string's signature, timestamp and nonce.</summary>
public sealed record WeComDelivery(string Body, string Signature, string Timestamp, string Nonce);

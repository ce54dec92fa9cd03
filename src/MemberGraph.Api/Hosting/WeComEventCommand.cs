using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using MemberGraph.Data;
using MemberGraph.Tencent.Sandbox;
using MemberGraph.Tencent.WeCom;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace MemberGraph.Hosting;

/// <summary>
/// <c>wecom-event add-contact|del-contact|transfer-fail --guide G --external-user wm… [--url U]</c>: sends a running gateway
/// the customer-contact callback WeCom would send — encrypted and signed with this configuration's <c>WeCom:*</c>
/// secrets (the sandbox's when sandboxed and unset), so a person can watch <c>customerBound</c> fire. The guide is found
/// by guide code or WeCom user id in the gateway's database; add-contact carries the guide code as the QR code's state.
/// </summary>
internal static class WeComEventCommand
{
    public const string Name = "wecom-event";

    private static readonly Dictionary<string, string> ChangeTypes = new()
    {
        ["add-contact"] = WeComContactEvent.AddExternalContact,
        ["del-contact"] = WeComContactEvent.DelExternalContact,
        ["transfer-fail"] = WeComContactEvent.TransferFail,
    };

    public static void Services(IServiceCollection services, IConfiguration configuration, IHostEnvironment environment)
    {
        services.AddMemberGraphData(configuration, environment);
        services.AddOptions<WeComOptions>().BindConfiguration(WeComOptions.Section);
        services.AddTencentSandbox(configuration, environment);
    }

    public static async Task<int> RunAsync(IServiceProvider services, string[] args, CliOptions options)
    {
        var kind = args.FirstOrDefault(a => !a.StartsWith("--", StringComparison.Ordinal)) ?? "";
        if (!ChangeTypes.TryGetValue(kind, out var changeType))
        {
            throw new CliUsageException($"wecom-event needs one of {string.Join(", ", ChangeTypes.Keys)} (got '{kind}').");
        }

        var guideRef = options.Get("guide") ?? throw new CliUsageException("wecom-event needs --guide <guide code or WeCom user id>.");
        var external = options.Get("external-user") ?? throw new CliUsageException("wecom-event needs --external-user <external user id, wm...>.");
        var settings = services.GetRequiredService<IOptions<WeComOptions>>().Value;
        if (settings.EncodingAesKey.Length != 43 || settings.Token.Length == 0 || settings.CorpId.Length == 0)
        {
            await Console.Error.WriteLineAsync("WeCom:Token, WeCom:EncodingAesKey (43 characters) and WeCom:CorpId must be configured (or the Tencent sandbox on) to sign a callback.");
            return 1;
        }

        await using var db = await services.GetRequiredService<IDbContextFactory<MemberGraphDb>>().CreateDbContextAsync();
        var guide = await db.Guides.AsNoTracking().Where(g => g.GuideCode == guideRef || g.WeComUserId == guideRef)
            .Select(g => new { g.WeComUserId, g.GuideCode }).FirstOrDefaultAsync();
        if (guide is null)
        {
            await Console.Error.WriteLineAsync($"No guide with code or WeCom user id '{guideRef}' in {Describe(services.GetRequiredService<DatabaseProvider>())} (see demo-accounts).");
            return 1;
        }

        var now = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        var xml = WeComContactEventXml.Build(settings.CorpId, changeType, guide.WeComUserId, external, now,
            state: changeType == WeComContactEvent.AddExternalContact ? guide.GuideCode : null,
            failReason: changeType == WeComContactEvent.TransferFail ? "customer_refused" : null);
        var crypto = new WeComCrypto(settings.Token, settings.EncodingAesKey, settings.CorpId);
        var encrypted = crypto.Encrypt(xml);
        var timestamp = now.ToString(CultureInfo.InvariantCulture);
        var nonce = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(6));
        var url = new UriBuilder(options.Get("url") ?? CallbackUrl(services.GetRequiredService<IConfiguration>()))
        {
            Query = $"msg_signature={crypto.Signature(timestamp, nonce, encrypted)}&timestamp={timestamp}&nonce={nonce}",
        }.Uri;

        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(15) };
        try
        {
            using var content = new StringContent(WeComContactEventXml.Envelope(settings.CorpId, encrypted), Encoding.UTF8, "text/xml");
            using var response = await http.PostAsync(url, content);
            var body = await response.Content.ReadAsStringAsync();
            var ok = response.IsSuccessStatusCode && body == "success";
            Console.WriteLine($"{changeType} {guide.WeComUserId} ({guide.GuideCode}) -> {external}: HTTP {(int)response.StatusCode} {body}");
            return ok ? 0 : 1;
        }
        catch (HttpRequestException ex)
        {
            await Console.Error.WriteLineAsync($"No gateway answered at {url.GetLeftPart(UriPartial.Path)}: {ex.Message}");
            return 1;
        }
    }

    /// <summary>The running gateway's callback, from the same <c>Urls</c> it listens on (http://localhost:5080 by default).</summary>
    private static string CallbackUrl(IConfiguration configuration)
    {
        var readiness = ReadinessProbe.ReadinessUrl(configuration["Urls"] ?? configuration["ASPNETCORE_URLS"] ?? "http://localhost:5080");
        return new Uri(readiness, WeComCallbackEndpoints.Path).ToString();
    }

    private static string Describe(DatabaseProvider database) => database.IsSqlite ? database.ConnectionString : $"the {database.Name} database";
}

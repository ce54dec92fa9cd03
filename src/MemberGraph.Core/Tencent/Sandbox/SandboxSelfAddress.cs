using MemberGraph.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Options;

namespace MemberGraph.Tencent.Sandbox;

/// <summary>
/// Where the gateway reaches its own sandbox: <c>Tencent:SandboxBaseUrl</c>, else the first address the server listens
/// on (known once it has started, which is before any request calls WeChat or WeCom; port 0 resolves to the real port),
/// else the configured <c>Urls</c>. Wildcard hosts (<c>+</c>, <c>*</c>, <c>0.0.0.0</c>, <c>[::]</c>) become localhost.
/// </summary>
public sealed class SandboxSelfAddress(IServer server, IOptions<TencentSandboxOptions> options, IConfiguration configuration)
{
    public const string PathPrefix = "/sandbox/tencent";

    public string WeChatBaseUrl => $"{Root()}{PathPrefix}/wechat/";

    public string WeComBaseUrl => $"{Root()}{PathPrefix}/wecom/";

    private string Root()
    {
        if (!string.IsNullOrWhiteSpace(options.Value.SandboxBaseUrl))
        {
            return options.Value.SandboxBaseUrl.TrimEnd('/');
        }

        var addresses = server.Features.Get<IServerAddressesFeature>()?.Addresses.ToList() ?? [];
        if (addresses.Count == 0)
        {
            addresses = [.. ListenAddresses.Split(configuration["urls"] ?? "http://localhost:5000")];
        }

        return Reachable(ListenAddresses.FirstHttp(addresses) ?? addresses[0]);
    }

    internal static string Reachable(string address) => ListenAddresses.Reachable(address, "localhost");
}

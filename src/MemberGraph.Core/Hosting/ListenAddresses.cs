using System.Text.RegularExpressions;

namespace MemberGraph.Hosting;

/// <summary>
/// The addresses the gateway listens on (<c>Urls</c>, or what the server reports once started) as addresses a client on
/// the same machine can call. A wildcard host (<c>+</c>, <c>*</c>, <c>0.0.0.0</c>, <c>[::]</c>) is something to bind to,
/// not to connect to, so it becomes a loopback host. Used by the <c>healthcheck</c> probe and the Tencent sandbox's self address.
/// </summary>
public static partial class ListenAddresses
{
    /// <summary>The addresses of a <c>Urls</c> value (separated by <c>;</c>).</summary>
    public static IReadOnlyList<string> Split(string? urls) =>
        (urls ?? "").Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    /// <summary>The first <c>http://</c> address, or null.</summary>
    public static string? FirstHttp(IEnumerable<string> addresses) =>
        addresses.FirstOrDefault(a => a.StartsWith("http://", StringComparison.OrdinalIgnoreCase));

    /// <summary>
    /// <paramref name="address"/> with a wildcard host replaced by <paramref name="loopback"/> (each caller names the one it
    /// calls: <c>localhost</c>, <c>127.0.0.1</c>); scheme, port and path as they were, without a trailing slash.
    /// </summary>
    public static string Reachable(string address, string loopback)
    {
        var parts = Address().Match(address);
        if (!parts.Success)
        {
            throw new FormatException($"'{address}' is not a listening address (scheme://host[:port]).");
        }

        var host = parts.Groups["host"].Value is "+" or "*" or "0.0.0.0" or "[::]" ? loopback : parts.Groups["host"].Value;
        return (parts.Groups["scheme"].Value + host + parts.Groups["rest"].Value).TrimEnd('/');
    }

    [GeneratedRegex(@"^(?<scheme>[a-z][a-z0-9+.-]*://)(?<host>\[[^\]]*\]|[^:/]+)(?<rest>.*)$", RegexOptions.IgnoreCase)]
    private static partial Regex Address();
}

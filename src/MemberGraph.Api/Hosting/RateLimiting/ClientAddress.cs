using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace MemberGraph.Hosting.RateLimiting;

/// <summary>
/// The partition key of a client's address: IPv4 as it is (also when it arrives IPv4-mapped), IPv6 by its /64 prefix,
/// since one subscriber is given a whole /64 and could otherwise rotate through it. Behind a reverse proxy the address is
/// the proxy's unless the forwarded headers are applied (<c>ASPNETCORE_FORWARDEDHEADERS_ENABLED=true</c>).
/// </summary>
public static class ClientAddress
{
    public const string Unknown = "unknown";

    public static string Of(HttpContext http) => Of(http.Connection.RemoteIpAddress);

    public static string Of(IPAddress? address)
    {
        if (address is null)
        {
            return Unknown;
        }

        if (address.IsIPv4MappedToIPv6)
        {
            address = address.MapToIPv4();
        }

        if (address.AddressFamily != AddressFamily.InterNetworkV6)
        {
            return address.ToString();
        }

        var bytes = address.GetAddressBytes();
        return string.Create(CultureInfo.InvariantCulture, $"{Convert.ToHexString(bytes, 0, 8).ToLowerInvariant()}/64");
    }
}

namespace MemberGraph.GraphQL.Transport.WebSockets;

/// <summary>The <c>GraphQL:WebSockets:*</c> section.</summary>
public sealed class GraphQLWebSocketOptions
{
    public const string Section = "GraphQL:WebSockets";

    /// <summary>How long a client has to send connection_init before 4408.</summary>
    public TimeSpan ConnectionInitTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Server pings at this interval keep idle connections open through proxies.</summary>
    public TimeSpan KeepAliveInterval { get; set; } = TimeSpan.FromSeconds(15);

    public int MaxSubscriptionsPerConnection { get; set; } = 50;

    public int MaxMessageBytes { get; set; } = 64 * 1024;
}

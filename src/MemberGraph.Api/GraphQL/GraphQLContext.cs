using GraphQL;
using MemberGraph.Auth;
using MemberGraph.GraphQL.DataLoaders;

namespace MemberGraph.GraphQL;

/// <summary>Per-request state shared by resolvers: the caller and the request's DataLoaders.</summary>
public sealed class GraphQLContext : Dictionary<string, object?>
{
    public GraphQLContext(Caller caller) => Caller = caller;

    public Caller Caller { get; }

    /// <summary>Set by the HTTP transport for GET requests, which may only run queries.</summary>
    public bool IsHttpGet { get; init; }

    /// <summary>The client's address as a rate-limit partition (<see cref="Hosting.RateLimiting.ClientAddress"/>).</summary>
    public string ClientAddress { get; init; } = Hosting.RateLimiting.ClientAddress.Unknown;

    public DataLoaderRegistry Loaders { get; } = new();

    /// <summary>
    /// The context for one event of a subscription: the same caller and request state, but loaders of its own,
    /// so an event reads current data rather than what an earlier event of the same subscription cached.
    /// </summary>
    public GraphQLContext ForEvent()
    {
        var copy = new GraphQLContext(Caller) { IsHttpGet = IsHttpGet, ClientAddress = ClientAddress };
        lock (this)
        {
            foreach (var (key, value) in this)
            {
                copy[key] = value;
            }
        }

        return copy;
    }
}

public static class ResolveFieldContextExtensions
{
    public static GraphQLContext Context(this IResolveFieldContext context) =>
        context.UserContext as GraphQLContext ?? throw new InvalidOperationException("GraphQLContext missing: requests must go through the MemberGraph transports.");

    public static Caller Caller(this IResolveFieldContext context) => context.Context().Caller;

    public static T Service<T>(this IResolveFieldContext context) where T : notnull =>
        context.RequestServices!.GetRequiredService<T>();
}

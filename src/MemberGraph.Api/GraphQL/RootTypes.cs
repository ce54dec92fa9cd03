using GraphQL.Types;

namespace MemberGraph.GraphQL;

/// <summary>A feature's root query fields (for example <c>Members/MemberQueries.cs</c>).</summary>
public interface IQueryFields
{
    void AddTo(QueryType query);
}

/// <summary>A feature's root mutation fields.</summary>
public interface IMutationFields
{
    void AddTo(MutationType mutation);
}

/// <summary>A feature's root subscription fields.</summary>
public interface ISubscriptionFields
{
    void AddTo(SubscriptionType subscription);
}

public sealed class QueryType : ObjectGraphType
{
    public QueryType(IEnumerable<IQueryFields> features)
    {
        Name = "Query";
        Description = "Everything a mini-program, a guide sidebar, a store tool or an operator can read.";
        foreach (var feature in features.OrderBy(f => f.GetType().FullName, StringComparer.Ordinal))
        {
            feature.AddTo(this);
        }
    }
}

public sealed class MutationType : ObjectGraphType
{
    public MutationType(IEnumerable<IMutationFields> features)
    {
        Name = "Mutation";
        Description = "Every change: each mutation takes one input and returns a payload with errors.";
        foreach (var feature in features.OrderBy(f => f.GetType().FullName, StringComparer.Ordinal))
        {
            feature.AddTo(this);
        }
    }
}

public sealed class SubscriptionType : ObjectGraphType
{
    public SubscriptionType(IEnumerable<ISubscriptionFields> features)
    {
        Name = "Subscription";
        Description = "Live updates over graphql-transport-ws.";
        foreach (var feature in features.OrderBy(f => f.GetType().FullName, StringComparer.Ordinal))
        {
            feature.AddTo(this);
        }
    }
}

public sealed class MemberGraphSchema : Schema
{
    public MemberGraphSchema(IServiceProvider services, QueryType query, MutationType mutation, SubscriptionType subscription)
        : base(services)
    {
        Description = "MemberGraph: one member program across mini-programs, WeCom guides, stores and partner malls.";
        Query = query;
        Mutation = mutation.Fields.Count > 0 ? mutation : null;
        Subscription = subscription.Fields.Count > 0 ? subscription : null;
    }
}

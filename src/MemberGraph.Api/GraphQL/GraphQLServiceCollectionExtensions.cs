using GraphQL;
using GraphQL.Validation;
using GraphQL.Validation.Rules.Custom;
using MemberGraph.GraphQL.Authorization;
using MemberGraph.GraphQL.Transport;

namespace MemberGraph.GraphQL;

public static class GraphQLServiceCollectionExtensions
{
    /// <summary>The schema, its graph types and feature fields, limits, error masking and the transports.</summary>
    public static IServiceCollection AddMemberGraphGraphQL(this IServiceCollection services, IConfiguration configuration)
    {
        var section = configuration.GetSection(GraphQLHttpOptions.Section);
        services.Configure<GraphQLHttpOptions>(section);
        var limits = section.Get<GraphQLHttpOptions>() ?? new GraphQLHttpOptions();
        var introspection = configuration.GetValue("MemberGraph:Introspection", true);

        RegisterFeatureFields(services);
        services.AddSingleton<GraphQLExecutor>();
        services.AddSingleton<GraphQLHttpMiddleware>();
        services.AddScoped<DataLoaders.LoaderDb>();

        services.AddGraphQL(builder =>
        {
            builder
                .AddSchema<MemberGraphSchema>()
                .AddGraphTypes(typeof(MemberGraphSchema).Assembly)
                .AddSystemTextJson(json => json.Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping)
                .AddErrorInfoProvider(new MaskingErrorInfoProvider())
                .AddValidationRule(FieldAuthorizationRule.Instance, useForCachedDocuments: true)
                .AddValidationRule(HttpGetOnlyQueriesRule.Instance, useForCachedDocuments: true)
                .AddComplexityAnalyzer(c =>
                {
                    c.MaxDepth = limits.MaxDepth;
                    c.MaxComplexity = limits.MaxComplexity;
                })
                .ConfigureExecution<DocumentCache>();
            if (!introspection)
            {
                builder.AddValidationRule(NoIntrospectionValidationRule.Instance, useForCachedDocuments: true);
            }
        });
        return services;
    }

    private static void RegisterFeatureFields(IServiceCollection services)
    {
        var types = typeof(MemberGraphSchema).Assembly.GetTypes().Where(t => t is { IsClass: true, IsAbstract: false });
        foreach (var type in types)
        {
            foreach (var contract in new[] { typeof(IQueryFields), typeof(IMutationFields), typeof(ISubscriptionFields), typeof(Relay.INodeResolver) })
            {
                if (contract.IsAssignableFrom(type))
                {
                    services.AddSingleton(contract, type);
                }
            }
        }
    }
}

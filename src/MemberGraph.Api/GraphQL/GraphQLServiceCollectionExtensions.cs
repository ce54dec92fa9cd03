using GraphQL;
using GraphQL.Execution;
using GraphQL.Validation;
using GraphQL.Validation.Rules.Custom;
using MemberGraph.GraphQL.Authorization;
using MemberGraph.GraphQL.Transport;
using MemberGraph.Guides;
using MemberGraph.Members;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace MemberGraph.GraphQL;

public static class GraphQLServiceCollectionExtensions
{
    /// <summary>The schema, its graph types and feature fields, limits, error masking and the transports.</summary>
    public static IServiceCollection AddMemberGraphGraphQL(this IServiceCollection services, IConfiguration configuration)
    {
        var section = configuration.GetSection(GraphQLHttpOptions.Section);
        services.Configure<GraphQLHttpOptions>(section);
        // Schema introspection (default on); switch it off in production.
        var introspection = configuration.GetValue("MemberGraph:Introspection", true);

        RegisterFeatureFields(services);
        services.AddSingleton<TrustedDocuments.TrustedDocumentGate>();
        services.AddSingleton<GraphQLExecutor>();
        services.AddSingleton<Audit.AccessRecorder>();
        services.AddSingleton<GraphQLRequestReader>();
        services.AddSingleton<GraphQLHttpMiddleware>();
        services.Configure<Transport.WebSockets.GraphQLWebSocketOptions>(configuration.GetSection(Transport.WebSockets.GraphQLWebSocketOptions.Section));
        services.AddSingleton<Transport.WebSockets.GraphQLWebSocketHandler>();
        services.AddSingleton<DocumentCache>();
        services.AddSingleton<OperationRateLimits>();
        services.AddScoped<DataLoaders.LoaderDb>();
        services.AddTransient<FederationFieldAuthorization>();
        services.AddTransient<PartnerScopeEnforcement>();

        services.AddGraphQL(builder =>
        {
            builder
                .AddSchema<MemberGraphSchema>()
                .AddFederation("2.3")
                .ConfigureSchema((schema, _) =>
                {
                    schema.RegisterVisitor(typeof(FederationFieldAuthorization));
                    schema.RegisterVisitor(typeof(PartnerScopeEnforcement)); // after: it guards the scopes the one above names
                })
                .AddGraphTypes(typeof(MemberGraphSchema).Assembly)
                .AddSystemTextJson(json => json.Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping)
                .AddErrorInfoProvider(new MaskingErrorInfoProvider())
                .AddValidationRule(FieldAuthorizationRule.Instance, useForCachedDocuments: true)
                .AddValidationRule(HttpGetOnlyQueriesRule.Instance, useForCachedDocuments: true)
                .AddValidationRule(IntrospectionListDepthRule.Instance)
                .AddExecutionStrategy<SerialExecutionStrategy>(GraphQLParser.AST.OperationType.Query)
                .AddExecutionStrategy<PerEventSubscriptionStrategy>(GraphQLParser.AST.OperationType.Subscription)
                .ConfigureExecution(sp => sp.GetRequiredService<DocumentCache>())
                .ConfigureExecution(sp => sp.GetRequiredService<OperationRateLimits>()); // after the cache: it needs the parsed document
            if (!introspection)
            {
                builder.AddValidationRule(NoIntrospectionValidationRule.Instance, useForCachedDocuments: true);
            }
        });
        services.Replace(ServiceDescriptor.Singleton<IDocumentValidator, RememberingDocumentValidator>());
        return services;
    }

    /// <summary>
    /// The one way a feature adds to the schema: a class implementing one of these contracts in the feature's folder is
    /// found here and registered; the type it extends adds the fields in the order of the classes' full names.
    /// </summary>
    private static readonly Type[] FeatureFieldContracts =
        [typeof(IQueryFields), typeof(IMutationFields), typeof(ISubscriptionFields), typeof(Relay.INodeResolver), typeof(IMemberFields), typeof(IGuideFields)];

    private static void RegisterFeatureFields(IServiceCollection services)
    {
        var types = typeof(MemberGraphSchema).Assembly.GetTypes()
            .Where(t => t is { IsClass: true, IsAbstract: false })
            .OrderBy(t => t.FullName, StringComparer.Ordinal);
        foreach (var type in types)
        {
            foreach (var contract in FeatureFieldContracts)
            {
                if (contract.IsAssignableFrom(type))
                {
                    services.AddSingleton(contract, type);
                }
            }
        }
    }
}

using GraphQL;
using GraphQL.Execution;
using MemberGraph.Audit;
using MemberGraph.GraphQL.DataLoaders;
using ExecutionContext = GraphQL.Execution.ExecutionContext;

namespace MemberGraph.GraphQL;

/// <summary>
/// GraphQL.NET's subscription strategy, except that each event executes with a fresh <see cref="GraphQLContext"/>
/// (<see cref="GraphQLContext.ForEvent"/>): DataLoader results are cached per request, and a subscription is one
/// request that lives for hours, so sharing them would answer later events with earlier data. Events of one
/// subscription may also execute concurrently, which shared loaders would not survive either. What an event answers about
/// members goes to the access log (<see cref="AccessRecorder"/>). After each event the loaders' database connection goes
/// back to the pool.
/// </summary>
public sealed class PerEventSubscriptionStrategy : SubscriptionExecutionStrategy
{
    protected override async ValueTask<ExecutionResult> ProcessDataAsync(ExecutionContext context, ExecutionNode node, object? value)
    {
        if (context.UserContext is GraphQLContext subscription)
        {
            context.UserContext = subscription.ForEvent();
        }

        try
        {
            var result = await base.ProcessDataAsync(context, node, value);
            return context.UserContext is GraphQLContext state && context.RequestServices?.GetService<AccessRecorder>() is { } accessLog
                ? await accessLog.RecordOrWithholdAsync(result, state, context.CancellationToken)
                : result;
        }
        finally
        {
            // Between events a subscription holds no database connection.
            if (context.RequestServices?.GetService<LoaderDb>() is { } loaderDb)
            {
                await loaderDb.ReleaseAsync();
            }
        }
    }
}

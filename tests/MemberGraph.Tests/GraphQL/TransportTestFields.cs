using GraphQL;
using GraphQL.Types;
using GraphQL.Types.Relay;
using MemberGraph.Auth;
using MemberGraph.GraphQL;
using MemberGraph.GraphQL.Authorization;
using MemberGraph.GraphQL.Relay;
using Microsoft.Extensions.DependencyInjection;

namespace MemberGraph.Tests.GraphQL;

/// <summary>
/// Test-only root fields the transport tests need and the product schema does not have (yet): a field that
/// fails like a bug, a mutation, a paged list and a self-nesting type. Registered through
/// <see cref="Infrastructure.GatewayHost.StartAsync"/>'s service hook, beside the production fields.
/// </summary>
public sealed class TransportTestFields : IQueryFields, IMutationFields
{
    /// <summary>What a careless exception would leak: SQL with a member's phone number.</summary>
    public const string LeakySql = "SELECT secret FROM members WHERE phone = '13800000000'";

    public static void Register(IServiceCollection services)
    {
        services.AddSingleton<IQueryFields, TransportTestFields>();
        services.AddSingleton<IMutationFields, TransportTestFields>();
        services.AddTransient<TestNestType>();
        services.AddSingleton<WorkProbe>();
    }

    public void AddTo(QueryType query)
    {
        query.Field<StringGraphType>("testBoom")
            .Description("Fails like a bug in a resolver: an exception carrying SQL.")
            .AllowAnonymous()
            .Resolve(_ => throw new InvalidOperationException(LeakySql));

        query.Field<StringGraphType>("testEcho")
            .Description("Returns its argument.")
            .Argument<NonNullGraphType<StringGraphType>>("text")
            .AllowAnonymous()
            .Resolve(ctx => ctx.GetArgument<string>("text"));

        query.Field<BooleanGraphType>("testWait")
            .Description("Works until the request is cancelled, and tells WorkProbe that it started and that it was cancelled.")
            .AllowAnonymous()
            .ResolveAsync(async ctx =>
            {
                var probe = ctx.RequestServices!.GetRequiredService<WorkProbe>();
                probe.Started.TrySetResult();
                try
                {
                    await Task.Delay(TimeSpan.FromMinutes(2), ctx.CancellationToken);
                    return false;
                }
                catch (OperationCanceledException)
                {
                    probe.Cancelled.TrySetResult();
                    throw;
                }
            });

        query.Field<StringGraphType>("testAdminOnly")
            .Description("Only an admin may select this.")
            .Authorize(Roles.Admin)
            .Resolve(_ => "for admins");

        query.Field<TestNestType>("testNest")
            .Description("The root of an endlessly nesting tree.")
            .AllowAnonymous()
            .Resolve(_ => 1);

        query.Field<ConnectionType<IntGraphType>>("testNumbers")
            .Description("The numbers 1 to 1000, paged like every connection.")
            .AllowAnonymous()
            .Resolve(ctx =>
            {
                var page = PageRequest.From(ctx);
                var rows = Enumerable.Range(1, 1000).Where(n => n > (page.After ?? 0)).Take(page.First + 1).ToList();
                return Connections.Build<int>(rows, page, n => n, 1000);
            })
            .FieldType.WithPagingArguments();
    }

    public void AddTo(MutationType mutation)
    {
        mutation.Field<BooleanGraphType>("testTouch")
            .Description("Changes nothing; answers true.")
            .AllowAnonymous()
            .Resolve(_ => true);
    }
}

/// <summary>What the <c>testWait</c> field saw of its request: that it started working, and that its work was cancelled.</summary>
public sealed class WorkProbe
{
    public TaskCompletionSource Started { get; private set; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public TaskCompletionSource Cancelled { get; private set; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public void Reset()
    {
        Started = new(TaskCreationOptions.RunContinuationsAsynchronously);
        Cancelled = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}

/// <summary>A node of a tree as deep and wide as the query asks, for depth and complexity limits.</summary>
public sealed class TestNestType : ObjectGraphType<int>
{
    public TestNestType()
    {
        Name = "TestNest";
        Description = "A level of the test tree.";
        Field<IntGraphType>("level").Description("How deep this node is.").Resolve(ctx => ctx.Source);
        Field<TestNestType>("child").Description("The node below.").Resolve(ctx => ctx.Source + 1);
        Field<ListGraphType<TestNestType>>("children")
            .Description("`first` nodes below.")
            .Argument<IntGraphType>("first")
            .Resolve(ctx => Enumerable.Repeat(ctx.Source + 1, Math.Min(ctx.GetArgument("first", 2), 3)));
    }
}

using System.Net.Http.Headers;
using System.Text;
using MemberGraph.Tests.Infrastructure;

namespace MemberGraph.Tests.GraphQL;

/// <summary>
/// Execution observes the client going away: an HTTP request that is aborted, an operation the client completes over
/// the WebSocket, and a WebSocket that closes all cancel the work of the resolver that is running for them.
/// </summary>
public sealed class RequestCancellationTests(TransportGatewayFixture fixture) : IClassFixture<TransportGatewayFixture>
{
    /// <summary>Generous: only work that is never cancelled takes this long.</summary>
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(20);

    private WorkProbe Probe => fixture.Gateway.Service<WorkProbe>();

    [Fact]
    public async Task An_http_client_that_disconnects_cancels_its_work()
    {
        // given: a request whose resolver is working
        Probe.Reset();
        using var client = new HttpClient { BaseAddress = fixture.Gateway.BaseAddress };
        using var abort = new CancellationTokenSource();
        var content = new StringContent("""{"query":"{ testWait }"}""", Encoding.UTF8, new MediaTypeHeaderValue("application/json"));
        var request = client.PostAsync("/graphql", content, abort.Token);
        await Probe.Started.Task.WaitAsync(Patience);

        // when: the client gives up
        await abort.CancelAsync();

        // then
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => request);
        await Probe.Cancelled.Task.WaitAsync(Patience);
    }

    [Fact]
    public async Task Completing_an_operation_over_the_websocket_cancels_its_work_and_the_connection_goes_on()
    {
        // given
        Probe.Reset();
        await using var client = await GraphQLWebSocketClient.ConnectAsync(fixture.Gateway);
        await client.InitAsync();
        await client.SubscribeAsync("slow", "{ testWait }");
        await Probe.Started.Task.WaitAsync(Patience);

        // when
        await client.SendAsync(new { id = "slow", type = "complete" });

        // then: the work stops, and the next operation on the same connection is answered
        await Probe.Cancelled.Task.WaitAsync(Patience);
        await client.SubscribeAsync("next", "{ __typename }");
        var answer = await client.ReceiveAsync(Patience);
        Assert.Equal("next", answer!["type"]!.GetValue<string>());
        Assert.Equal("next", answer["id"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_websocket_that_closes_cancels_the_work_of_its_running_operation()
    {
        // given
        Probe.Reset();
        var client = await GraphQLWebSocketClient.ConnectAsync(fixture.Gateway);
        await client.InitAsync();
        await client.SubscribeAsync("slow", "{ testWait }");
        await Probe.Started.Task.WaitAsync(Patience);

        // when
        await client.DisposeAsync();

        // then
        await Probe.Cancelled.Task.WaitAsync(Patience);
    }
}

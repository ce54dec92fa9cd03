using System.Net.Sockets;
using System.Text;
using MemberGraph.Tests.Infrastructure;

namespace MemberGraph.Tests.GraphQL;

/// <summary>
/// A client sending its body slower than Kestrel's minimum data rate (240 bytes/s after a 5 s grace period) is answered
/// 408 with one line in the log below error level: the client's problem, not an unhandled exception of ours.
/// </summary>
public sealed class SlowRequestBodyTests : IAsyncLifetime
{
    private GatewayHost _gateway = null!;

    public async Task InitializeAsync() => _gateway = await GatewayHost.StartAsync();

    public async Task DisposeAsync() => await _gateway.DisposeAsync();

    [Theory]
    [InlineData("/graphql", "application/json")]
    [InlineData("/wecom/callback?msg_signature=abc&timestamp=1&nonce=2", "text/xml")]
    public async Task A_body_arriving_too_slowly_is_answered_408_and_logged_as_one_warning(string path, string contentType)
    {
        // given: headers announcing 1,000 bytes, then 10 of them, then nothing
        using var tcp = new TcpClient();
        await tcp.ConnectAsync(_gateway.BaseAddress.Host, _gateway.BaseAddress.Port);
        var stream = tcp.GetStream();
        var head = $"POST {path} HTTP/1.1\r\nHost: {_gateway.BaseAddress.Authority}\r\nContent-Type: {contentType}\r\nContent-Length: 1000\r\n\r\n{{\"query\":";
        await stream.WriteAsync(Encoding.ASCII.GetBytes(head));

        // when: the minimum data rate's grace period passes
        var answer = await ReadAnswerAsync(stream, TimeSpan.FromSeconds(30));

        // then
        Assert.StartsWith("HTTP/1.1 408", answer, StringComparison.Ordinal);
        await Eventually(() => _gateway.Logs.Lines.Any(Mentions408));
        Assert.DoesNotContain(_gateway.Logs.Lines, line => line.StartsWith("Error", StringComparison.Ordinal) || line.StartsWith("Critical", StringComparison.Ordinal));
        var logged = Assert.Single(_gateway.Logs.Lines, Mentions408);
        Assert.DoesNotContain("|", logged, StringComparison.Ordinal);
    }

    /// <summary>The status as a word: "Now listening on: http://127.0.0.1:40853" is no mention of it.</summary>
    private static bool Mentions408(string line) => System.Text.RegularExpressions.Regex.IsMatch(line, @"\b408\b");

    /// <summary>What the server sent until it closed the connection or the time ran out.</summary>
    private static async Task<string> ReadAnswerAsync(NetworkStream stream, TimeSpan timeout)
    {
        using var cancel = new CancellationTokenSource(timeout);
        var answer = new StringBuilder();
        var buffer = new byte[4096];
        try
        {
            int read;
            while ((read = await stream.ReadAsync(buffer, cancel.Token)) > 0)
            {
                answer.Append(Encoding.ASCII.GetString(buffer, 0, read));
                if (answer.ToString().Contains("\r\n\r\n", StringComparison.Ordinal))
                {
                    break;
                }
            }
        }
        catch (Exception ex) when (ex is IOException or OperationCanceledException)
        {
            // Closed or timed out: the answer is what came.
        }

        return answer.ToString();
    }

    private static async Task Eventually(Func<bool> condition)
    {
        for (var i = 0; i < 100 && !condition(); i++)
        {
            await Task.Delay(50);
        }
    }
}

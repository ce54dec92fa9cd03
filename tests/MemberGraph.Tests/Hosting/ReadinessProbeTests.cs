using MemberGraph.Hosting;

namespace MemberGraph.Tests.Hosting;

/// <summary>
/// <c>healthcheck</c>, the container's health check. That it finds a ready gateway is tested with the Dockerfile's own
/// environment (<see cref="ContainerConfigurationTests"/>); here, where it looks and that it fails when nobody answers.
/// </summary>
public sealed class ReadinessProbeTests
{
    [Theory]
    [InlineData("http://+:8080", "http://127.0.0.1:8080/readyz")]
    [InlineData("http://*:80;https://*:443", "http://127.0.0.1:80/readyz")]
    [InlineData("https://0.0.0.0:443;http://0.0.0.0:8080", "http://127.0.0.1:8080/readyz")]
    [InlineData("http://[::]:8080", "http://127.0.0.1:8080/readyz")]
    [InlineData("http://localhost:5080", "http://localhost:5080/readyz")]
    [InlineData("http://10.1.2.3", "http://10.1.2.3/readyz")]
    public void It_asks_readyz_on_the_first_http_address_the_gateway_listens_on(string urls, string expected)
    {
        // when
        var url = ReadinessProbe.ReadinessUrl(urls);

        // then
        Assert.Equal(new Uri(expected), url);
    }

    [Fact]
    public async Task With_no_gateway_listening_it_exits_with_1_without_starting_one()
    {
        // given: the address the gateway would listen on, with nothing there
        var port = ApiProcess.FreePort();
        var dataDir = ApiProcess.TempFolder();

        // when
        var result = await ApiProcess.RunAsync(["healthcheck"], new Dictionary<string, string> { ["Urls"] = $"http://+:{port}", ["MemberGraph__DataDir"] = dataDir }, TimeSpan.FromSeconds(30));

        // then: it asked, failed, and composed nothing (no database file in the data folder)
        Assert.True(result.ExitCode == 1, $"exit {result.ExitCode}: {result.StdOut}{result.StdErr}");
        Assert.Contains($"http://127.0.0.1:{port}/readyz", result.StdErr);
        Assert.Empty(Directory.EnumerateFileSystemEntries(dataDir));
        ApiProcess.DeleteFolder(dataDir);
    }
}

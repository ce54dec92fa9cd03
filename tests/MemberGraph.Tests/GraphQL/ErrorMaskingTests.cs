using MemberGraph.GraphQL;

namespace MemberGraph.Tests.GraphQL;

/// <summary>An exception in a resolver reaches the log, never the client: no message, no SQL, no stack trace.</summary>
public sealed class ErrorMaskingTests(TransportGatewayFixture fixture) : IClassFixture<TransportGatewayFixture>
{
    [Theory]
    [InlineData("application/graphql-response+json")]
    [InlineData("application/json")]
    public async Task An_exception_in_a_resolver_is_masked_for_the_client_and_logged(string accept)
    {
        // when: one field fails like a bug, its sibling works
        var response = await fixture.Gateway.GraphQLAsync("{ testBoom testEcho(text: \"still here\") }", accept: accept);

        // then: the client sees a coded, masked error beside the data that could be resolved
        Assert.Equal(200, response.Status);
        Assert.Equal("still here", response.Data!["testEcho"]!.GetValue<string>());
        Assert.Null(response.Data!["testBoom"]);
        var error = Assert.Single(response.Errors!)!;
        Assert.Equal(ErrorCodes.Internal, error["extensions"]!["code"]!.GetValue<string>());
        Assert.Equal(MaskingErrorInfoProvider.MaskedMessage, error["message"]!.GetValue<string>());
        Assert.Equal("testBoom", error["path"]![0]!.GetValue<string>());
        Assert.DoesNotContain("SELECT", response.Body, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("secret", response.Body, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("InvalidOperationException", response.Body);
        Assert.DoesNotContain(" at ", response.Body);
        Assert.DoesNotContain("stack", response.Body, StringComparison.OrdinalIgnoreCase);

        // and the operator finds the exception in the log
        Assert.Contains(fixture.Gateway.Logs.Lines, line =>
            line.StartsWith("Error ", StringComparison.Ordinal) && line.Contains("testBoom") && line.EndsWith("| InvalidOperationException", StringComparison.Ordinal));
    }
}

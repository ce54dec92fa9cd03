using MemberGraph.Tests.Infrastructure;

namespace MemberGraph.Tests.Partners;

/// <summary>
/// The subgraph SDL the running gateway serves at <c>_service { sdl }</c> composes, with Apollo's own composition
/// (<c>@apollo/composition</c>, tests/interop/compose.mjs), beside a partner mall subgraph that extends <c>PartnerMember</c>:
/// no errors and no hints.
/// </summary>
public sealed class PartnerFederationCompositionTests(GatewayFixture fixture) : IClassFixture<GatewayFixture>
{
    [Fact]
    public async Task The_service_sdl_composes_with_a_mall_subgraph_extending_PartnerMember()
    {
        // given: the SDL as a gateway's tooling reads it (an admin token)
        var kit = new PartnerKit(fixture.Gateway);
        var answer = await fixture.Gateway.GraphQLAsync("{ _service { sdl } }", token: kit.AdminToken);
        var sdlFile = Path.Combine(Path.GetTempPath(), $"membergraph-subgraph-{Guid.NewGuid():N}.graphql");
        await File.WriteAllTextAsync(sdlFile, answer.OkData()["_service"]!["sdl"]!.GetValue<string>());

        try
        {
            // when
            await using var script = NodeScript.Start("compose.mjs", sdlFile);
            var result = await script.NextLineAsync(TimeSpan.FromSeconds(60));

            // then
            Assert.True(result["errors"]!.AsArray().Count == 0, result["errors"]!.ToJsonString());
            // No hints either: a hint (an inconsistent description, a field only one subgraph resolves, ...) is something a
            // partner's gateway team would ask about, so one that appears must be fixed or explained in README "Partner malls".
            Assert.True(result["hints"]!.AsArray().Count == 0, result["hints"]!.ToJsonString());
            var supergraph = result["partnerMember"]!.GetValue<string>();
            Assert.Contains("type PartnerMember", supergraph);
            Assert.Contains("@join__type(graph: MEMBERGRAPH, key: \"id\")", supergraph);
            Assert.Contains("@join__type(graph: MALL, key: \"id\")", supergraph);
            Assert.Contains("mallPoints", supergraph);
            Assert.Equal(0, await script.WaitForExitAsync());
        }
        finally
        {
            File.Delete(sdlFile);
        }
    }
}

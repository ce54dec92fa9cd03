using MemberGraph.GraphQL.Transport;
using MemberGraph.Hosting.RateLimiting;
using MemberGraph.GraphQL.Transport.WebSockets;
using MemberGraph.Partners;
using MemberGraph.Privacy.Export;
using MemberGraph.Tencent.Sandbox;
using MemberGraph.Tencent.WeCom;

namespace MemberGraph.Hosting;

public static class MemberGraphApplicationExtensions
{
    /// <summary>
    /// The HTTP surface: /graphql, health endpoints, the partners' token endpoint, the members' data export downloads; platform
    /// callbacks where a platform needs them. Security headers first, so every answer has them (a preflight's, a 429); CORS
    /// before the rate limits, so a page can read a 429; the rate limits after authentication, which tells the exempt roles.
    /// </summary>
    public static WebApplication MapMemberGraph(this WebApplication app)
    {
        app.UseMemberGraphSecurityHeaders();
        app.UseMemberGraphCors();
        app.UseWebSockets();
        app.UseAuthentication();
        app.UseMemberGraphRateLimits();
        app.Map("/graphql", branch => branch.Run(http => http.WebSockets.IsWebSocketRequest
            ? http.RequestServices.GetRequiredService<GraphQLWebSocketHandler>().HandleAsync(http)
            : http.RequestServices.GetRequiredService<GraphQLHttpMiddleware>().InvokeAsync(http)));
        app.MapMemberGraphHealth();
        app.MapPartnerTokenEndpoint();
        app.MapDataExportDownloads();
        app.MapWeCom();
        app.MapTencentSandbox();
        app.MapGet("/", () => Results.Redirect("/graphql"));
        return app;
    }
}

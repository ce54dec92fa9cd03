namespace MemberGraph.Hosting;

/// <summary>Builds the gateway; the host, the CLI and the tests use the same composition.</summary>
public static class GatewayApp
{
    public static WebApplication Build(string[] args, Action<WebApplicationBuilder>? configure = null)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = args });
        builder.WebHost.ConfigureKestrel(k => k.Limits.MaxRequestBodySize = 4 * 1024 * 1024);
        configure?.Invoke(builder);
        builder.Services.AddMemberGraph(builder.Configuration, builder.Environment);
        var app = builder.Build();
        app.MapMemberGraph();
        return app;
    }
}

namespace MemberGraph.Tencent.Sandbox;

/// <summary>
/// <c>/sandbox/tencent/wechat/…</c> and <c>/sandbox/tencent/wecom/…</c>: the fake WeChat and WeCom APIs, mapped only when
/// the sandbox is on (otherwise these paths are 404 like any unknown one).
/// </summary>
public static class TencentSandboxEndpoints
{
    public static IEndpointRouteBuilder MapTencentSandbox(this IEndpointRouteBuilder app)
    {
        var services = app.ServiceProvider;
        if (!services.GetRequiredService<TencentSandboxMode>().Enabled)
        {
            return app;
        }

        var wechat = services.GetRequiredService<WeChatSandbox>();
        var wecom = services.GetRequiredService<WeComSandbox>();
        app.Map($"{SandboxSelfAddress.PathPrefix}/wechat/{{**api}}", http =>
            SandboxHttp.HandleAsync(http, Api(http), (call, _) => ValueTask.FromResult(wechat.Answer(call))));
        app.Map($"{SandboxSelfAddress.PathPrefix}/wecom/{{**api}}", http =>
            SandboxHttp.HandleAsync(http, Api(http), wecom.AnswerAsync));
        return app;
    }

    private static string Api(HttpContext http) => http.GetRouteValue("api") as string ?? "";
}

using MemberGraph.Hosting;

if (Cli.IsCommand(args))
{
    return await Cli.RunAsync(args);
}

var app = GatewayApp.Build(args);
if (!await StartupCheck.PassesAsync(app.Services))
{
    return 1;
}

await app.RunAsync();
return 0;

/// <summary>The entry point type, for WebApplicationFactory and tests.</summary>
public partial class Program;

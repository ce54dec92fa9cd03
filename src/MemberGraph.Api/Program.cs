using MemberGraph.Hosting;

if (Cli.IsCommand(args))
{
    return await Cli.RunAsync(args);
}

var app = GatewayApp.Build(args);
if (!await StartupCheck.PassesAsync(app.Services))
{
    await app.DisposeAsync(); // flushes the console logger, so the one line saying why is written before the exit
    return 1;
}

await app.RunAsync();
return 0;

/// <summary>The entry point type, for WebApplicationFactory and tests.</summary>
public partial class Program;

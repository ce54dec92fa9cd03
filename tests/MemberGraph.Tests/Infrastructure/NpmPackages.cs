using System.Diagnostics;

namespace MemberGraph.Tests.Infrastructure;

/// <summary>
/// A client folder's npm packages: scripts/test.sh installs them; a lone <c>dotnet test</c> runs <c>npm ci</c> here when any
/// of the named packages is missing from its node_modules.
/// </summary>
public static class NpmPackages
{
    public static async Task EnsureInstalledAsync(string folder, params string[] packages)
    {
        if (packages.All(p => Directory.Exists(Path.Combine([folder, "node_modules", .. p.Split('/')]))))
        {
            return;
        }

        var start = new ProcessStartInfo("npm", "ci --no-audit --no-fund --loglevel=error")
        {
            WorkingDirectory = folder, RedirectStandardOutput = true, RedirectStandardError = true,
        };
        using var npm = Process.Start(start) ?? throw new InvalidOperationException("npm could not be started");
        var output = npm.StandardOutput.ReadToEndAsync();
        var errors = npm.StandardError.ReadToEndAsync();
        using var cancel = new CancellationTokenSource(TimeSpan.FromMinutes(10));
        try
        {
            await npm.WaitForExitAsync(cancel.Token);
        }
        catch (OperationCanceledException)
        {
            npm.Kill(entireProcessTree: true);
            throw new Xunit.Sdk.XunitException($"npm ci in {folder} took over 10 minutes.");
        }

        Assert.True(npm.ExitCode == 0, $"npm ci in {folder} failed:\n{await output}\n{await errors}");
    }
}

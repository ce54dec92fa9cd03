using System.Diagnostics;
using System.Text;
using MemberGraph.Auth;
using MemberGraph.Members;
using MemberGraph.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace MemberGraph.Tests.Clients;

/// <summary>
/// The member mini-program's own tests (clients/miniprogram, jest + miniprogram-simulate) against a real gateway: a
/// sandboxed demo like <c>dotnet run</c>'s, whose address, the demo member's sandbox <c>wx.login</c> code and an admin
/// token (for the test's own orders and coupon templates) are handed to jest in environment variables. The pages'
/// <c>wx.request</c> and <c>wx.connectSocket</c> reach this gateway over HTTP and graphql-transport-ws.
/// The npm packages are installed by scripts/test.sh (<c>npm ci</c> in every client with a lock file).
/// </summary>
public sealed class MiniProgramTests(SandboxDemoFixture fixture)
    : IClassFixture<SandboxDemoFixture>
{
    private static readonly string AppDir = Path.Combine(RepositoryRoot.Path, "clients", "miniprogram");

    [Fact]
    public async Task The_mini_programs_jest_suite_passes_against_a_sandboxed_demo_gateway()
    {
        // given
        Assert.True(Directory.Exists(Path.Combine(AppDir, "node_modules", "miniprogram-simulate")),
            $"The mini-program's npm packages are not installed in {AppDir}: run `bash scripts/test.sh` (or `npm ci` there).");
        await using var db = fixture.Gateway.Db();
        var openId = await db.Identities.Where(i => i.Channel == IdentityChannel.WechatOpenid && i.Member!.Status == MemberStatus.Active)
            .OrderBy(i => i.MemberId).Select(i => i.ExternalId).FirstAsync();
        var start = new ProcessStartInfo("node")
        {
            WorkingDirectory = AppDir,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            StandardOutputEncoding = Encoding.UTF8,
            StandardErrorEncoding = Encoding.UTF8,
        };
        foreach (var arg in new[] { Path.Combine("node_modules", "jest", "bin", "jest.js"), "--ci" })
        {
            start.ArgumentList.Add(arg);
        }

        start.Environment["MEMBERGRAPH_URL"] = fixture.Gateway.BaseAddress.ToString().TrimEnd('/');
        start.Environment["MEMBERGRAPH_WX_CODE"] = $"sandbox:{openId}";
        start.Environment["MEMBERGRAPH_ADMIN_TOKEN"] = fixture.Gateway.Token(new TokenSubject(Roles.Admin));
        start.Environment["FORCE_COLOR"] = "0";

        // when
        using var jest = Process.Start(start) ?? throw new InvalidOperationException("node could not be started; Node 20 must be on PATH.");
        var stdout = jest.StandardOutput.ReadToEndAsync();
        var stderr = jest.StandardError.ReadToEndAsync();
        using (var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(5)))
        {
            try
            {
                await jest.WaitForExitAsync(timeout.Token);
            }
            catch (OperationCanceledException)
            {
                jest.Kill(entireProcessTree: true);
                throw new Xunit.Sdk.XunitException($"jest did not finish in 5 minutes:\n{await stdout}\n{await stderr}");
            }
        }

        // then: jest prints its summary on stderr
        var output = $"{await stdout}\n{await stderr}";
        Assert.True(jest.ExitCode == 0, $"The mini-program's jest suite failed (exit {jest.ExitCode}):\n{output}");
        Assert.Matches(@"Tests:\s+\d+ passed, \d+ total", output);
        Assert.DoesNotContain("skipped", output);
    }
}

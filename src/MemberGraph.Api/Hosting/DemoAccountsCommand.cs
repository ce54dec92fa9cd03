using MemberGraph.Data;
using MemberGraph.Guides;
using MemberGraph.Members;
using MemberGraph.Tencent.Sandbox;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace MemberGraph.Hosting;

/// <summary>
/// <c>demo-accounts</c>: people of the demo data to try — members, guides with some of their customers' WeCom external
/// user ids, stores for staff, an admin — with the commands for their tokens and, when sandboxed, their sign-in codes.
/// It reads the database the gateway uses and changes nothing: no migration, no seed, no web host.
/// </summary>
internal static class DemoAccountsCommand
{
    public const string Name = "demo-accounts";
    private const string Run = "dotnet run --project src/MemberGraph.Api --";
    private const int Rows = 5;

    public static void Services(IServiceCollection services, IConfiguration configuration, IHostEnvironment environment)
    {
        services.AddMemberGraphData(configuration, environment);
        services.AddSingleton(TencentSandboxMode.From(configuration, environment));
    }

    public static async Task<int> RunAsync(IServiceProvider services, TextWriter output)
    {
        var provider = services.GetRequiredService<DatabaseProvider>();
        if (!provider.IsSqlServer && new SqliteConnectionStringBuilder(provider.ConnectionString).DataSource is var file && !File.Exists(file))
        {
            await Console.Error.WriteLineAsync($"No database at {file} yet: start the gateway once (it creates and seeds the demo), then run demo-accounts again.");
            return 1;
        }

        await using var db = await services.GetRequiredService<IDbContextFactory<MemberGraphDb>>().CreateDbContextAsync();
        if (!(await db.Database.GetAppliedMigrationsAsync()).Any() || !await db.Stores.AnyAsync())
        {
            await Console.Error.WriteLineAsync("The database has no demo data yet: start the gateway once (it migrates and seeds the demo), then run demo-accounts again.");
            return 1;
        }

        var sandboxed = services.GetRequiredService<TencentSandboxMode>().Enabled;
        await MembersAsync(db, output, sandboxed);
        await GuidesAsync(db, output, sandboxed);
        await StoresAsync(db, output);
        await output.WriteLineAsync("Admin");
        await output.WriteLineAsync($"  TOKEN=$({Run} dev-token --role admin)");
        if (!sandboxed)
        {
            await output.WriteLineAsync();
            await output.WriteLineAsync("The Tencent sandbox is off (Tencent:Sandbox): the sign-in codes above need the real WeChat and WeCom.");
        }

        return 0;
    }

    private static async Task MembersAsync(MemberGraphDb db, TextWriter output, bool sandboxed)
    {
        var members = await db.Members.AsNoTracking()
            .Where(m => m.Status == MemberStatus.Active && m.Identities.Any(i => i.Channel == IdentityChannel.WechatOpenid))
            .OrderBy(m => m.Id).Take(Rows)
            .Select(m => new
            {
                m.Id,
                m.DisplayName,
                m.Phone,
                OpenId = m.Identities.Where(i => i.Channel == IdentityChannel.WechatOpenid).Select(i => i.ExternalId).First(),
            })
            .ToListAsync();
        await output.WriteLineAsync("Members (mini-program: signInWithWeChat with the wx.login code, bindPhone with a phone code)");
        await output.WriteLineAsync($"  {"id",-6} {"openid",-16} {"phone",-12} {"name",-12} token");
        foreach (var m in members)
        {
            await output.WriteLineAsync($"  {m.Id,-6} {m.OpenId,-16} {m.Phone ?? "-",-12} {m.DisplayName,-12} TOKEN=$({Run} dev-token --role member --member-id {m.Id})");
        }

        if (sandboxed && members.Count > 0)
        {
            await output.WriteLineAsync($"  sandbox codes: wx.login \"sandbox:{members[0].OpenId}\", getPhoneNumber \"sandbox:13800000000\"");
        }

        await output.WriteLineAsync();
    }

    private static async Task GuidesAsync(MemberGraphDb db, TextWriter output, bool sandboxed)
    {
        var guides = await db.Guides.AsNoTracking().Where(g => g.Status == GuideStatus.Active).OrderBy(g => g.Id).Take(Rows)
            .Select(g => new { g.Id, g.WeComUserId, g.GuideCode, g.StoreId, StoreCode = g.Store!.Code })
            .ToListAsync();
        var ids = guides.Select(g => g.Id).ToList();
        var customers = (await db.GuideRelationships.AsNoTracking()
                .Where(r => ids.Contains(r.GuideId) && r.EndedAt == null)
                .Join(db.Identities.Where(i => i.Channel == IdentityChannel.WecomExternalUserid), r => r.MemberId, i => i.MemberId, (r, i) => new { r.GuideId, r.Id, i.ExternalId })
                .OrderByDescending(c => c.Id) // the newest first: a customer just added on WeCom shows up here
                .ToListAsync())
            .ToLookup(c => c.GuideId, c => c.ExternalId);

        await output.WriteLineAsync("Guides (WeCom sidebar: signInWithWeCom with the OAuth code)");
        await output.WriteLineAsync($"  {"id",-6} {"wecom user",-12} {"code",-10} {"store",-8} {"customers' external user ids",-40} token");
        foreach (var g in guides)
        {
            var theirs = customers[g.Id].Take(3).ToList();
            await output.WriteLineAsync($"  {g.Id,-6} {g.WeComUserId,-12} {g.GuideCode,-10} {g.StoreCode,-8} {(theirs.Count == 0 ? "(none in the demo data yet)" : string.Join(' ', theirs)),-40} " +
                                        $"TOKEN=$({Run} dev-token --role guide --guide-id {g.Id} --store-id {g.StoreId})");
        }

        if (guides.Count > 0)
        {
            var first = guides[0];
            if (sandboxed)
            {
                await output.WriteLineAsync($"  sandbox code: \"sandbox:{first.WeComUserId}\"");
            }

            await output.WriteLineAsync($"  a new customer adds {first.WeComUserId} (customerBound fires): {Run} wecom-event add-contact --guide {first.GuideCode} --external-user wmDemoCustomer0001");
        }

        await output.WriteLineAsync();
    }

    private static async Task StoresAsync(MemberGraphDb db, TextWriter output)
    {
        var stores = await db.Stores.AsNoTracking().OrderBy(s => s.Id).Take(3).Select(s => new { s.Id, s.Code, s.Name, s.City }).ToListAsync();
        await output.WriteLineAsync("Store staff (store tool)");
        await output.WriteLineAsync($"  {"id",-6} {"code",-8} {"city",-6} {"name",-16} token");
        foreach (var s in stores)
        {
            await output.WriteLineAsync($"  {s.Id,-6} {s.Code,-8} {s.City,-6} {s.Name,-16} TOKEN=$({Run} dev-token --role staff --store-id {s.Id})");
        }

        await output.WriteLineAsync();
    }
}

using MemberGraph.Data;
using MemberGraph.Partners;
using MemberGraph.Seeding;
using MemberGraph.Tencent.Sandbox;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace MemberGraph.Hosting;

/// <summary>
/// <c>demo-accounts</c>: people of the demo data to try — members, guides with some of their customers' WeCom external
/// user ids, stores for staff, partner malls (client ids, and their published secrets when sandboxed), an admin
/// (whom: <see cref="DemoAccounts"/>) — with the commands for their tokens and, when
/// sandboxed, their sign-in codes. It reads the database the gateway uses and changes nothing: no migration, no seed, no web host.
/// </summary>
internal static class DemoAccountsCommand
{
    public const string Name = "demo-accounts";
    private const string Run = "dotnet run --project src/MemberGraph.Api --";
    private const int Rows = 5;
    private const int CustomersShown = 3;

    public static void Services(IServiceCollection services, IConfiguration configuration, IHostEnvironment environment)
    {
        services.AddMemberGraphData(configuration, environment);
        services.AddSingleton(TencentSandboxMode.From(configuration, environment));
        services.AddSingleton<DemoAccounts>();
    }

    public static async Task<int> RunAsync(IServiceProvider services, TextWriter output)
    {
        var provider = services.GetRequiredService<DatabaseProvider>();
        if (provider.IsSqlite && new SqliteConnectionStringBuilder(provider.ConnectionString).DataSource is var file && !File.Exists(file))
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
        var accounts = await services.GetRequiredService<DemoAccounts>().ListAsync(Rows, CancellationToken.None);
        await MembersAsync(accounts.Members, output, sandboxed);
        await GuidesAsync(accounts.Guides, output, sandboxed);
        await StoresAsync(accounts.StaffStores, output);
        await PartnersAsync(accounts.Partners, output, sandboxed);
        await output.WriteLineAsync("Admin");
        await output.WriteLineAsync($"  TOKEN=$({Run} dev-token --role admin)");
        if (!sandboxed)
        {
            await output.WriteLineAsync();
            await output.WriteLineAsync("The Tencent sandbox is off (Tencent:Sandbox): the sign-in codes above need the real WeChat and WeCom.");
        }

        return 0;
    }

    private static async Task MembersAsync(IReadOnlyList<DemoMemberAccount> members, TextWriter output, bool sandboxed)
    {
        await output.WriteLineAsync("Members (mini-program: signInWithWeChat with the wx.login code, bindPhone with a phone code)");
        await output.WriteLineAsync($"  {"id",-6} {"openid",-16} {"phone",-12} {"name",-12} token");
        foreach (var m in members)
        {
            await output.WriteLineAsync($"  {m.MemberId,-6} {m.OpenId,-16} {m.Phone ?? "-",-12} {m.DisplayName,-12} " +
                                        $"TOKEN=$({Run} dev-token --role member --member-id {m.MemberId})");
        }

        if (sandboxed && members.Count > 0)
        {
            await output.WriteLineAsync($"  sandbox codes: wx.login \"sandbox:{members[0].OpenId}\", getPhoneNumber \"sandbox:13800000000\"");
        }

        await output.WriteLineAsync();
    }

    private static async Task GuidesAsync(IReadOnlyList<DemoGuideAccount> guides, TextWriter output, bool sandboxed)
    {
        await output.WriteLineAsync("Guides (WeCom sidebar: signInWithWeCom with the OAuth code)");
        await output.WriteLineAsync($"  {"id",-6} {"wecom user",-12} {"code",-10} {"store",-8} {"customers' external user ids",-40} token");
        foreach (var g in guides)
        {
            var customers = string.Join(' ', g.CustomerExternalUserIds.Take(CustomersShown));
            await output.WriteLineAsync($"  {g.GuideId,-6} {g.WeComUserId,-12} {g.GuideCode,-10} {g.StoreCode,-8} {customers,-40} " +
                                        $"TOKEN=$({Run} dev-token --role guide --guide-id {g.GuideId} --store-id {g.StoreId})");
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

    private static async Task PartnersAsync(IReadOnlyList<DemoPartnerAccount> partners, TextWriter output, bool sandboxed)
    {
        if (partners.Count == 0)
        {
            return;
        }

        await output.WriteLineAsync("Partner malls (POST /oauth/token, client credentials; then partnerMemberLookup by member code or phone)");
        await output.WriteLineAsync($"  {"id",-6} {"client id",-12} {"name",-8} {"scopes",-46} consenting members' phones");
        foreach (var p in partners)
        {
            await output.WriteLineAsync($"  {p.PartnerId,-6} {p.ClientId,-12} {p.Name,-8} {p.Scopes,-46} {string.Join(' ', p.ConsentingPhones)}");
        }

        var first = partners[0];
        await output.WriteLineAsync(sandboxed
            ? $"  sandbox secrets: {string.Join(", ", partners.Select(p => $"{p.ClientId} \"{p.DocumentedSecret}\""))}; a token: " +
              $"curl -s -u {first.ClientId}:{first.DocumentedSecret} -d grant_type=client_credentials http://localhost:5080/oauth/token"
            : "  their published demo secrets work only in the Tencent sandbox: an admin gets a secret with rotatePartnerSecret");
        await output.WriteLineAsync($"  a partner token without signing in: TOKEN=$({Run} dev-token --role partner --partner-id {first.PartnerId} " +
                                    $"--scope \"{first.Scopes}\")");
        await output.WriteLineAsync();
    }

    private static async Task StoresAsync(IReadOnlyList<DemoStaffStore> stores, TextWriter output)
    {
        await output.WriteLineAsync("Store staff (store tool)");
        await output.WriteLineAsync($"  {"id",-6} {"code",-8} {"city",-6} {"name",-16} token");
        foreach (var s in stores)
        {
            await output.WriteLineAsync($"  {s.StoreId,-6} {s.StoreCode,-8} {s.City,-6} {s.StoreName,-16} " +
                                        $"TOKEN=$({Run} dev-token --role staff --store-id {s.StoreId})");
        }

        await output.WriteLineAsync();
    }
}

using MemberGraph.Coupons;
using MemberGraph.Partners;
using MemberGraph.Seeding;
using MemberGraph.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace MemberGraph.Tests.Partners;

/// <summary>
/// The demo's two partners (万象城, 银泰百货) and the members consenting to them, seeded through the services; their
/// published secrets sign in only while the Tencent sandbox is on.
/// </summary>
public sealed class DemoPartnerSeedingTests
{
    [Fact]
    public async Task The_demo_has_two_partners_with_consenting_members_and_their_published_secrets_sign_in_in_the_sandbox()
    {
        // given: a seeded, sandboxed demo, as `dotnet run` starts it
        await using var gateway = await GatewayHost.StartAsync(new Dictionary<string, string?>
        {
            ["environment"] = "Development",
            ["Tencent:Sandbox"] = "true",
            ["MemberGraph:SeedDemoData"] = "true",
            ["MemberGraph:DemoMembers"] = "40",
        });
        var kit = new PartnerKit(gateway);

        // when
        var accounts = await gateway.Service<DemoAccounts>().ListAsync(5, CancellationToken.None);
        var mixc = accounts.Partners.Single(p => p.ClientId == "demo-mixc");
        var token = await kit.TokenRequestAsync([("grant_type", "client_credentials")], PartnerKit.Basic("demo-mixc", "sandbox-mixc-secret"));

        // then: 万象城 is the partner of the demo's PARTNER coupon template; two members consent (one of them to both partners)
        Assert.Equal(["万象城", "银泰百货"], accounts.Partners.Select(p => p.Name));
        await using var db = gateway.Db();
        Assert.Equal(mixc.PartnerId, await db.CouponTemplates.Where(t => t.Kind == CouponKind.Partner).Select(t => t.PartnerId).FirstAsync());
        Assert.Equal(2, mixc.ConsentingPhones.Count);
        Assert.Single(accounts.Partners.Single(p => p.ClientId == "demo-intime").ConsentingPhones);
        Assert.Equal(4, await db.PartnerConsentLedger.CountAsync());
        Assert.Equal(3, await db.PairwiseIdentities.CountAsync());
        Assert.Equal(200, token.Status);
        Assert.Equal("benefits:read benefits:redeem points:exchange", token.Body["scope"]!.GetValue<string>());
        var found = await kit.ByPhoneAsync(token.AccessToken, mixc.ConsentingPhones[0]);
        var purposes = found.OkData()["partnerMemberLookup"]!["purposes"]!.AsArray().Select(p => p!.GetValue<string>());
        Assert.Equal(["BENEFITS", "POINTS_EXCHANGE"], purposes);
    }

    [Fact]
    public async Task Outside_the_sandbox_the_published_demo_secrets_are_refused_until_an_admin_rotates_them()
    {
        // given: the demo partners registered on a gateway without the sandbox (as a demo database started in production)
        await using var gateway = await GatewayHost.StartAsync();
        await gateway.Service<DemoPartners>().SeedAsync(CancellationToken.None);
        var kit = new PartnerKit(gateway);
        await using var db = gateway.Db();
        var mixc = await db.Partners.SingleAsync(p => p.ClientId == "demo-mixc");

        // when
        var published = await kit.TokenRequestAsync([("grant_type", "client_credentials")], PartnerKit.Basic("demo-mixc", "sandbox-mixc-secret"));
        var rotated = (await gateway.GraphQLAsync(PartnerKit.Rotate, new { id = mixc.Id.ToString() }, kit.AdminToken))
            .OkData()["rotatePartnerSecret"]!;
        var fresh = await kit.TokenRequestAsync([("grant_type", "client_credentials")],
            PartnerKit.Basic("demo-mixc", rotated["clientSecret"]!.GetValue<string>()));

        // then
        Assert.Equal((401, "invalid_client"), (published.Status, published.Error));
        Assert.Equal(200, fresh.Status);
    }
}

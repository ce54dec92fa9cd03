using System.Text.Json.Nodes;
using MemberGraph.Auth;
using MemberGraph.Domain;
using MemberGraph.Tests.Infrastructure;
using MemberGraph.Tests.Members;
using Microsoft.EntityFrameworkCore;

namespace MemberGraph.Tests.Privacy;

/// <summary>
/// The export is complete: for the demo member the tour signs in as (openid <c>oMG000000001</c>: orders, points, coupons,
/// tags, an exclusive guide and partner consents in the demo), each section of the file holds exactly what the gateway's
/// own reads say about that member — <c>me</c> for the member's view, <c>member(id:)</c> for tags (which members do not
/// read), the database for the relationship history no query lists in full.
/// </summary>
public sealed class DemoMemberExportTests(SandboxDemoFixture demo) : IClassFixture<SandboxDemoFixture>
{
    private const string Me = """
        { me { id displayName phone birthday tier { level name }
               identities { channel externalId }
               orders(first: 100) { totalCount edges { node { id paidAmountCents } } }
               points { balance pending ledger(first: 100) { totalCount edges { node { amount } } } }
               coupons(first: 100) { totalCount edges { node { id code } } }
               exclusiveGuide { id }
               partnerConsents { partner { id } purpose }
               partnerConsentLedger(first: 100) { totalCount } } }
        """;

    [Fact]
    public async Task The_export_of_the_demo_member_holds_everything_the_gateway_says_about_them()
    {
        // given: the tour's demo member, signed in through the sandbox as the mini-program does, and what the gateway says
        var gateway = demo.Gateway;
        var (memberId, token) = await SignInSteps.SignedInAsync(gateway, "sandbox:oMG000000001");
        var me = (await gateway.GraphQLAsync(Me, token: token)).OkData()["me"]!;
        var admin = gateway.Token(new TokenSubject(Roles.Admin));
        var tags = (await gateway.GraphQLAsync("query($id: ID!) { member(id: $id) { tags { key } } }", new { id = GlobalId.Encode("Member", memberId) }, admin))
            .OkData()["member"]!["tags"]!.AsArray().Select(t => t!["key"]!.GetValue<string>()).Order(StringComparer.Ordinal).ToList();
        await using var db = gateway.Db();
        var relationships = await db.GuideRelationships.AsNoTracking().Where(r => r.MemberId == memberId).ToListAsync();

        // when
        var kit = new PrivacyKit(gateway);
        var export = await kit.ExportedAsync(token);
        var file = (await kit.DownloadAsync(export["url"]!.GetValue<string>())).Json;

        // then: the demo gives this member something in every section (else the comparisons below prove little)
        Assert.True(me["orders"]!["totalCount"]!.GetValue<int>() > 0 && me["points"]!["ledger"]!["totalCount"]!.GetValue<int>() > 0
                    && me["coupons"]!["totalCount"]!.GetValue<int>() > 0 && tags.Count > 0 && relationships.Count > 0
                    && me["partnerConsents"]!.AsArray().Count > 0, me.ToJsonString());

        // profile and identities, unmasked as the member reads them
        var member = file["member"]!;
        Assert.Equal((me["id"]!.GetValue<string>(), me["displayName"]!.GetValue<string>(), me["phone"]?.GetValue<string>()),
            (member["id"]!.GetValue<string>(), member["displayName"]!.GetValue<string>(), member["phone"]?.GetValue<string>()));
        Assert.Equal(me["birthday"]?.GetValue<string>(), member["birthday"]?.GetValue<string>());
        Assert.Equal(me["tier"]!["level"]!.GetValue<int>(), member["tier"]!["level"]!.GetValue<int>());
        Assert.Equal(Pairs(me["identities"]!, "channel", "externalId"), Pairs(file["identities"]!, "channel", "externalId"));

        // orders, points, coupons
        Assert.Equal(Pairs(me["orders"]!["edges"]!, "id", "paidAmountCents"), Pairs(file["orders"]!, "id", "paidAmountCents"));
        Assert.Equal(me["points"]!["ledger"]!["totalCount"]!.GetValue<int>(), file["points"]!["ledger"]!.AsArray().Count);
        Assert.Equal((me["points"]!["balance"]!.GetValue<long>(), me["points"]!["pending"]!.GetValue<long>()),
            (file["points"]!["balance"]!.GetValue<long>(), file["points"]!["pending"]!.GetValue<long>()));
        Assert.Equal(me["points"]!["ledger"]!["edges"]!.AsArray().Sum(e => e!["node"]!["amount"]!.GetValue<long>()),
            file["points"]!["ledger"]!.AsArray().Sum(e => e!["amount"]!.GetValue<long>()));
        Assert.Equal(Pairs(me["coupons"]!["edges"]!, "id", "code"), Pairs(file["coupons"]!, "id", "code"));

        // tags (the active ones are what member(id:) shows), guide relationships, consents
        Assert.Equal(tags, file["tags"]!.AsArray().Where(t => t!["active"]!.GetValue<bool>()).Select(t => t!["key"]!.GetValue<string>()).Order(StringComparer.Ordinal));
        Assert.Equal(relationships.Count, file["guideRelationships"]!.AsArray().Count);
        Assert.Equal(me["exclusiveGuide"]?["id"]?.GetValue<string>(), file["guideRelationships"]!.AsArray()
            .SingleOrDefault(r => r!["kind"]!.GetValue<string>() == "EXCLUSIVE" && r["endedAt"] is null)?["guide"]!["id"]!.GetValue<string>());
        Assert.Equal(
            me["partnerConsents"]!.AsArray().Select(c => $"{c!["partner"]!["id"]}/{c["purpose"]}").Order(StringComparer.Ordinal),
            file["consents"]!["partners"]!.AsArray().Select(c => $"{c!["partner"]!["id"]}/{c["purpose"]}").Order(StringComparer.Ordinal));
        Assert.Equal(me["partnerConsentLedger"]!["totalCount"]!.GetValue<int>(), file["consents"]!["partnerLedger"]!.AsArray().Count);
        Assert.Equal(me["partnerConsents"]!.AsArray().Select(c => c!["partner"]!["id"]!.GetValue<string>()).Distinct().Order(StringComparer.Ordinal),
            file["consents"]!["pairwiseIds"]!.AsArray().Select(p => p!["partner"]!["id"]!.GetValue<string>()).Order(StringComparer.Ordinal));

        // and what was done to the record: the audit lines about the member (the demo's consents were audited)
        Assert.Contains(file["processing"]!["auditLog"]!.AsArray(), a => a!["operation"]!.GetValue<string>() == "partner.consent.grant");
    }

    /// <summary>"first|second" of each item of a list or of a connection's edges, in order.</summary>
    private static List<string> Pairs(JsonNode list, string first, string second) =>
        list.AsArray().Select(e => e!["node"] ?? e).Select(n => $"{n![first]}|{n[second]}").Order(StringComparer.Ordinal).ToList();
}

using System.Text.Json.Nodes;
using MemberGraph.Tests.Infrastructure;

namespace MemberGraph.Tests.Partners;

/// <summary>
/// clients/partner-mall against a running MemberGraph, all real processes (see <see cref="PartnerMallFixture"/>): the
/// Apollo Gateway composes MemberGraph's subgraph with the mall's; one query answers mall data and MemberGraph benefits;
/// a revocation leaves the mall gateway no member and MemberGraph's AUTH_NOT_AUTHORIZED at the member's path; a gateway
/// signed in as another partner gets nothing for the first partner's members.
/// </summary>
public sealed class PartnerMallGatewayTests(PartnerMallFixture mall) : IClassFixture<PartnerMallFixture>
{
    /// <summary>The README's query (clients/partner-mall/queries/): MemberGraph's lookup and benefits, the mall's parking, coupons and points, in one.</summary>
    private static readonly string ByPhone = Query("member-benefits.graphql");

    /// <summary>From the mall's root field: the mall's data, then MemberGraph's fields through <c>_entities</c> on the pairwise id.</summary>
    private static readonly string ById = Query("mall-member.graphql");

    private static string Query(string file) => File.ReadAllText(Path.Combine(PartnerMallFixture.ClientDir, "queries", file));

    [Fact]
    public async Task The_gateways_compose_MemberGraphs_PartnerMember_with_the_mall_subgraph()
    {
        foreach (var gateway in new[] { mall.MixcGateway, mall.IntimeGateway })
        {
            var answer = await mall.QueryAsync(gateway, """
                { __type(name: "PartnerMember") { fields { name } } mallStores { name floor } mallParkingLots { name freeSpaces } }
                """);

            var data = answer.OkData();
            var fields = data["__type"]!["fields"]!.AsArray().Select(f => f!["name"]!.GetValue<string>()).ToHashSet();
            Assert.Superset(new HashSet<string> { "id", "displayName", "tierName", "purposes", "parkingHoursLeft", "mallCoupons", "mallPoints" }, fields);
            Assert.NotEmpty(data["mallStores"]!.AsArray());
            Assert.NotEmpty(data["mallParkingLots"]!.AsArray());
        }
    }

    [Fact]
    public async Task One_query_returns_the_mall_data_and_MemberGraph_benefits_of_a_consenting_demo_member()
    {
        var phone = mall.Mixc.ConsentingPhones[0];

        var answer = await mall.QueryAsync(mall.MixcGateway, ByPhone, new { phone });

        var member = answer.OkData()["partnerMemberLookup"]!;
        var id = member["id"]!.GetValue<string>();
        Assert.NotEmpty(answer.OkData()["mallParkingLots"]!.AsArray());
        Assert.Matches("^.\\*\\*$", member["displayName"]!.GetValue<string>()); // masked by MemberGraph
        Assert.False(string.IsNullOrEmpty(member["tierName"]!.GetValue<string>()));
        Assert.Contains("BENEFITS", member["purposes"]!.AsArray().Select(p => p!.GetValue<string>()));
        Assert.InRange(member["parkingHoursLeft"]!.GetValue<int>(), 0, 5);
        var coupons = member["mallCoupons"]!.AsArray();
        Assert.NotEmpty(coupons);
        Assert.All(coupons, c => Assert.StartsWith("MALL-", c!["code"]!.GetValue<string>()));

        // the same member from the mall's side (its root field, then MemberGraph's _entities): the same data
        var byId = (await mall.QueryAsync(mall.MixcGateway, ById, new { id })).OkData()["mallMember"]!;
        Assert.Equal(id, byId["id"]!.GetValue<string>());
        Assert.Equal(member["displayName"]!.GetValue<string>(), byId["displayName"]!.GetValue<string>());
        Assert.Equal(member["tierName"]!.GetValue<string>(), byId["tierName"]!.GetValue<string>());
        Assert.Equal(member["mallPoints"]!.GetValue<int>(), byId["mallPoints"]!.GetValue<int>());
    }

    [Fact]
    public async Task The_readme_query_runs_as_written_with_the_tours_gql_mjs()
    {
        // given: the README's command (only the gateway's port differs here; --pick prints the member on one line)
        const string command = "node scripts/gql.mjs clients/partner-mall/queries/member-benefits.graphql --url http://localhost:4000/";
        Assert.Contains(command, File.ReadAllText(Path.Combine(RepositoryRoot.Path, "README.md")));
        Assert.Contains(command, File.ReadAllText(Path.Combine(PartnerMallFixture.ClientDir, "README.md")));

        // when: with the phone the document names by default
        await using var gql = NodeScript.StartIn(RepositoryRoot.Path, null, "scripts/gql.mjs",
            "clients/partner-mall/queries/member-benefits.graphql", "--url", mall.MixcGateway.ToString(), "--pick", "data.partnerMemberLookup");
        var member = await gql.NextLineAsync(TimeSpan.FromSeconds(60));

        // then: a consenting demo member, with both subgraphs' fields
        Assert.Equal(0, await gql.WaitForExitAsync(TimeSpan.FromSeconds(60)));
        Assert.Contains(mall.Mixc.ConsentingPhones[0], ByPhone);
        Assert.False(string.IsNullOrEmpty(member["tierName"]!.GetValue<string>()));
        Assert.NotEmpty(member["mallCoupons"]!.AsArray());
    }

    [Fact]
    public async Task After_the_member_revokes_consent_the_gateway_gets_no_member_and_AUTH_NOT_AUTHORIZED_at_its_path()
    {
        // given: a member of the demo consenting to 万象城 for BENEFITS, found through the mall's gateway
        var kit = new PartnerKit(mall.MemberGraph);
        var (member, phone) = await kit.MemberAsync();
        await kit.GrantAsync(member, mall.Mixc.PartnerId.ToString());
        var id = (await mall.QueryAsync(mall.MixcGateway, ByPhone, new { phone })).OkData()["partnerMemberLookup"]!["id"]!.GetValue<string>();
        Assert.Equal("M**", (await mall.QueryAsync(mall.MixcGateway, ById, new { id })).OkData()["mallMember"]!["displayName"]!.GetValue<string>());

        // when
        var revoked = await kit.RevokeAsync(member, mall.Mixc.PartnerId.ToString());
        Assert.Equal("REVOKED", revoked["ledgerEntry"]!["action"]!.GetValue<string>());
        var lookup = await mall.QueryAsync(mall.MixcGateway, ByPhone, new { phone });
        var entity = await mall.QueryAsync(mall.MixcGateway, ById, new { id });

        // then: the lookup misses as for anyone unknown; the mall's member has no data, MemberGraph's refusal at its path
        Assert.Null(lookup.OkData()["partnerMemberLookup"]);
        AssertRefusedByMemberGraph(entity);
    }

    [Fact]
    public async Task A_gateway_signed_in_as_another_partner_gets_nothing_for_the_first_partners_members()
    {
        // given: 万象城's pairwise ids of its two consenting demo members (the second consents to 银泰百货 too)
        var mixcOnly = mall.Mixc.ConsentingPhones.Except(mall.Intime.ConsentingPhones).Single();
        var shared = mall.Intime.ConsentingPhones.Single();
        var mixcIds = new List<string>();
        foreach (var phone in new[] { mixcOnly, shared })
        {
            var found = await mall.QueryAsync(mall.MixcGateway, ByPhone, new { phone });
            mixcIds.Add(found.OkData()["partnerMemberLookup"]!["id"]!.GetValue<string>());
        }

        // when / then: 银泰百货's gateway does not find the member who consents only to 万象城, ...
        var lookup = await mall.QueryAsync(mall.IntimeGateway, ByPhone, new { phone = mixcOnly });
        Assert.Null(lookup.OkData()["partnerMemberLookup"]);

        // ... knows the shared member under another pairwise id, ...
        var own = await mall.QueryAsync(mall.IntimeGateway, ByPhone, new { phone = shared });
        Assert.NotEqual(mixcIds[1], own.OkData()["partnerMemberLookup"]!["id"]!.GetValue<string>());

        // ... and resolves neither of 万象城's ids
        foreach (var id in mixcIds)
        {
            AssertRefusedByMemberGraph(await mall.QueryAsync(mall.IntimeGateway, ById, new { id }));
        }
    }

    /// <summary>
    /// MemberGraph answered the entity null with AUTH_NOT_AUTHORIZED at [_entities, 0]: the gateway puts the error at the
    /// member's own path, and since displayName is non-null the member is null — no mall data either.
    /// </summary>
    private static void AssertRefusedByMemberGraph(GraphQLResponse answer)
    {
        Assert.Equal(200, answer.Status);
        Assert.True(answer.Data!["mallMember"] is null, answer.Body);
        var error = Assert.Single(answer.Errors ?? []);
        Assert.Equal("AUTH_NOT_AUTHORIZED", error!["extensions"]!["code"]!.GetValue<string>());
        Assert.Equal("membergraph", error["extensions"]!["serviceName"]!.GetValue<string>());
        Assert.Equal("""["mallMember"]""", error["path"]!.ToJsonString());
    }
}

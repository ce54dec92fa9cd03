using System.Text.Json.Nodes;
using GraphQL.Types;
using MemberGraph.Audit;
using MemberGraph.Auth;
using MemberGraph.Domain;
using MemberGraph.GraphQL;
using MemberGraph.GraphQL.Authorization;
using MemberGraph.Members;
using MemberGraph.Tests.Coupons;
using MemberGraph.Tests.Infrastructure;
using MemberGraph.Tests.Partners;
using Microsoft.Extensions.DependencyInjection;

namespace MemberGraph.Tests.Privacy;

/// <summary>
/// The access log through /graphql: reads of another person's personal information — staff at the till, a guide's sidebar,
/// an admin, a partner — are recorded (who, whose, which fields, through which root field, when) and admins read them with
/// auditEntries, beside the audit log, newest first.
/// </summary>
public sealed class AccessLogTests(GatewayFixture fixture) : IClassFixture<GatewayFixture>
{
    private const string Entries = """
        query ($filter: AuditEntryFilterInput, $first: Int, $after: String) {
          auditEntries(filter: $filter, first: $first, after: $after) {
            totalCount pageInfo { hasNextPage endCursor }
            edges { cursor node { kind at actor role operation memberId target detail fields } }
          }
        }
        """;

    private readonly ConsentKit _kit = new(fixture.Gateway);

    [Fact]
    public async Task Staff_identifying_a_member_at_the_till_is_recorded_with_the_fields_shown()
    {
        // given: the member shows their code (their own read, not logged); the till scans it
        var store = await _kit.Data.StoreAsync();
        var (member, _) = await _kit.MemberAsync();
        var code = await new PartnerKit(fixture.Gateway).MemberCodeAsync(member.Id);
        var before = DateTime.UtcNow;

        // when
        var scanned = await fixture.Gateway.GraphQLAsync(
            "query ($code: String!) { memberByCode(code: $code) { id displayName phone tier { name } coupons(first: 5) { totalCount } } }",
            new { code }, _kit.Data.StaffToken(store.Id));

        // then
        scanned.OkData();
        var entry = Assert.Single(await AccessOfAsync(member.Id));
        Assert.Equal(("ACCESS", $"staff@{GlobalId.Encode("Store", store.Id)}", "staff", "memberByCode"),
            (entry.Str("kind"), entry.Str("actor"), entry.Str("role"), entry.Str("operation")));
        Assert.Equal(["coupons", "displayName", "id", "phone", "tier"], Fields(entry));
        Assert.Equal((ConsentKit.Id(member.Id), $"Member:{member.Id}"), (entry.Str("memberId"), entry.Str("target")));
        Assert.InRange(entry["at"]!.GetValue<DateTime>().ToUniversalTime(), before, DateTime.UtcNow);
    }

    [Fact]
    public async Task A_sidebar_card_is_recorded_and_a_reduced_card_lists_only_what_it_showed()
    {
        // given: the customer's own guide, and a colleague of the same store who sees them on the reduced card
        var store = await _kit.Data.StoreAsync();
        var own = await _kit.Data.GuideAsync(store.Id);
        var colleague = await _kit.Data.GuideAsync(store.Id);
        var externalUserId = $"wmAccess{TestData.Next()}";
        var member = await _kit.Data.MemberAsync($"139{TestData.Next():00000000}", null, (IdentityChannel.WecomExternalUserid, externalUserId));
        await _kit.Data.RelationshipAsync(member.Id, own.Id);
        const string card = "query ($e: String!) { sidebarContext(externalUserId: $e) { canAct maskedPhone member { displayName phone tier { name } } } }";

        // when
        (await fixture.Gateway.GraphQLAsync(card, new { e = externalUserId }, _kit.Data.GuideToken(own))).OkData();
        var reduced = await fixture.Gateway.GraphQLAsync(card, new { e = externalUserId }, _kit.Data.GuideToken(colleague));

        // then: the full card's fields; the reduced card without the phone it refused (twice: masked and in full)
        Assert.Equal("AUTH_NOT_AUTHORIZED", reduced.FirstErrorCode);
        var entries = await AccessOfAsync(member.Id);
        var byGuide = entries.ToDictionary(e => e.Str("actor"));
        Assert.Equal(2, entries.Count);
        Assert.All(entries, e => Assert.Equal(("guide", "sidebarContext"), (e.Str("role"), e.Str("operation"))));
        Assert.Equal(["canAct", "displayName", "maskedPhone", "phone", "tier"], Fields(byGuide[GlobalId.Encode("Guide", own.Id)]));
        Assert.Equal(["canAct", "displayName", "tier"], Fields(byGuide[GlobalId.Encode("Guide", colleague.Id)]));
    }

    [Fact]
    public async Task An_admins_reads_are_recorded_one_entry_per_member_and_root_field()
    {
        // given: a store serving three members
        var store = await _kit.Data.StoreAsync();
        var guide = await _kit.Data.GuideAsync(store.Id);
        var members = new List<long>();
        for (var i = 0; i < 3; i++)
        {
            var (member, _) = await _kit.MemberAsync();
            await _kit.Data.RelationshipAsync(member.Id, guide.Id);
            members.Add(member.Id);
        }

        // when: one member by id (and the same one again in the same request, aliased), then the store's list
        await Ok($$"""{ a: member(id: "{{ConsentKit.Id(members[0])}}") { displayName } b: member(id: "{{ConsentKit.Id(members[0])}}") { phone } }""");
        await Ok($$"""{ members(where: { storeId: "{{GlobalId.Encode("Store", store.Id)}}" }, first: 10) { edges { node { id identities { channel } } } } }""");

        // then: member(id:) once for the first member, with both selections; members once for each
        var entries = new List<List<JsonNode>>();
        foreach (var id in members)
        {
            entries.Add(await AccessOfAsync(id));
        }

        Assert.Equal(["displayName", "phone"], Fields(Assert.Single(entries[0], e => e.Str("operation") == "member")));
        Assert.All(entries, ofOne => Assert.Equal(["id", "identities"], Fields(Assert.Single(ofOne, e => e.Str("operation") == "members"))));
        Assert.Equal([2, 1, 1], entries.Select(e => e.Count));
        Assert.All(entries.SelectMany(e => e), e => Assert.Equal(("admin", "admin"), (e.Str("actor"), e.Str("role"))));
    }

    [Fact]
    public async Task A_partners_reads_through_its_gateway_and_its_lookup_are_recorded()
    {
        // given
        var partners = new PartnerKit(fixture.Gateway);
        var partner = await partners.RegisterAsync("BENEFITS_READ");
        var (member, phone, pairwise) = await partners.ConsentingAsync(partner);
        var token = await partners.TokenAsync(partner);

        // when
        (await partners.EntitiesAsync(token, "id displayName tierName", pairwise)).OkData();
        (await partners.ByPhoneAsync(token, phone)).OkData();

        // then
        var entries = (await AccessOfAsync(member)).ToDictionary(e => e.Str("operation"));
        Assert.Equal(["_entities", "partnerMemberLookup"], entries.Keys.Order(StringComparer.Ordinal));
        Assert.Equal(["displayName", "id", "tierName"], Fields(entries["_entities"]));
        Assert.Equal(["displayName", "id", "purposes"], Fields(entries["partnerMemberLookup"]));
        Assert.All(entries.Values, e => Assert.Equal((partner.Id, "partner"), (e.Str("actor"), e.Str("role"))));
    }

    [Fact]
    public async Task A_members_own_reads_are_not_recorded()
    {
        // given
        var (member, _) = await _kit.MemberAsync();
        var token = _kit.Data.MemberToken(member.Id);

        // when
        (await fixture.Gateway.GraphQLAsync("{ me { displayName phone identities { externalId } memberCode { code } } }", token: token)).OkData();
        (await fixture.Gateway.GraphQLAsync($$"""{ member(id: "{{ConsentKit.Id(member.Id)}}") { phone } }""", token: token)).OkData();

        // then
        Assert.Empty(await AccessOfAsync(member.Id));
    }

    [Fact]
    public async Task Audit_and_access_entries_come_newest_first_in_pages_without_gaps_or_repeats()
    {
        // given: about one member, alternately a change (the member opts in or out of guide outreach: AUDIT) and an admin's read (ACCESS)
        var (member, _) = await _kit.MemberAsync();
        var done = new List<string>();
        DateTime? middle = null;
        for (var i = 0; i < 3; i++)
        {
            await _kit.OutreachAsync(member.Id, granted: i % 2 == 0);
            done.Add(i % 2 == 0 ? "consent.guideOutreach.grant" : "consent.guideOutreach.revoke");
            await Ok($$"""{ member(id: "{{ConsentKit.Id(member.Id)}}") { displayName } }""");
            done.Add("member");
            middle ??= DateTime.UtcNow;
        }

        // when: pages of two
        var seen = new List<JsonNode>();
        string? after = null;
        int? total = null;
        do
        {
            var page = (await EntriesAsync(new { memberId = ConsentKit.Id(member.Id) }, 2, after))["auditEntries"]!;
            total ??= page["totalCount"]!.GetValue<int>();
            seen.AddRange(page["edges"]!.AsArray().Select(e => e!["node"]!));
            after = page["pageInfo"]!["hasNextPage"]!.GetValue<bool>() ? page["pageInfo"]!["endCursor"]!.GetValue<string>() : null;
        }
        while (after is not null);

        // then: all six, newest first, each once; and the filters narrow them
        Assert.Equal(6, total);
        Assert.Equal(Enumerable.Reverse(done), seen.Select(e => e.Str("operation")));
        Assert.Equal(seen.Select(e => e["at"]!.GetValue<DateTime>()).OrderDescending(), seen.Select(e => e["at"]!.GetValue<DateTime>()));
        Assert.Equal(["ACCESS", "AUDIT", "ACCESS", "AUDIT", "ACCESS", "AUDIT"], seen.Select(e => e.Str("kind")));
        Assert.Equal(3, await CountAsync(new { memberId = ConsentKit.Id(member.Id), kind = "AUDIT" }));
        Assert.Equal(3, await CountAsync(new { memberId = ConsentKit.Id(member.Id), actor = "admin" }));
        Assert.Equal(2, await CountAsync(new { memberId = ConsentKit.Id(member.Id), operation = "consent.guideOutreach.grant" }));
        Assert.Equal(4, await CountAsync(new { memberId = ConsentKit.Id(member.Id), from = middle }));
        Assert.Equal(2, await CountAsync(new { memberId = ConsentKit.Id(member.Id), to = middle }));
        var audit = seen.First(e => e.Str("kind") == "AUDIT");
        Assert.Equal((ConsentKit.Id(member.Id), "member"), (audit.Str("memberId"), audit.Str("role")));
    }

    [Fact]
    public async Task A_cursor_that_names_no_entry_is_refused()
    {
        // when: a well-formed cursor past every id
        var answer = await fixture.Gateway.GraphQLAsync(Entries, new { after = MemberGraph.GraphQL.Relay.Cursor.Encode(long.MaxValue - 1) }, _kit.Data.AdminToken());

        // then
        Assert.Equal("INVALID_CURSOR", answer.FirstErrorCode);
    }

    [Fact]
    public async Task An_answer_whose_reads_cannot_be_recorded_is_withheld()
    {
        // given: a gateway with a probe type whose reads the access log cannot attribute (a fault, as a bug would make)
        await using var gateway = await GatewayHost.StartAsync(services: s => s.AddSingleton<IQueryFields, FaultyProbeFields>().AddTransient<FaultyProbeType>());

        // when
        var answer = await gateway.GraphQLAsync("{ faultyProbe { secret } }", token: gateway.Token(new TokenSubject(Roles.Admin)));

        // then: no data goes out, an internal error instead
        Assert.Null(answer.Data);
        Assert.Equal("INTERNAL_SERVER_ERROR", answer.FirstErrorCode);
        Assert.DoesNotContain("s3cret", answer.Body);
    }

    private async Task Ok(string query) => (await fixture.Gateway.GraphQLAsync(query, token: _kit.Data.AdminToken())).OkData();

    private async Task<JsonNode> EntriesAsync(object? filter, int first = 50, string? after = null) =>
        (await fixture.Gateway.GraphQLAsync(Entries, new { filter, first, after }, _kit.Data.AdminToken())).OkData();

    private async Task<int> CountAsync(object filter) => (await EntriesAsync(filter))["auditEntries"]!["totalCount"]!.GetValue<int>();

    private async Task<List<JsonNode>> AccessOfAsync(long memberId) =>
        [.. (await EntriesAsync(new { memberId = ConsentKit.Id(memberId), kind = "ACCESS" }))["auditEntries"]!["edges"]!.AsArray().Select(e => e!["node"]!)];

    private static List<string> Fields(JsonNode entry) => [.. entry["fields"]!.AsArray().Select(f => f!.GetValue<string>())];

    private sealed class FaultyProbeFields : IQueryFields
    {
        public void AddTo(QueryType query) =>
            query.Field<FaultyProbeType>("faultyProbe").Authorize(Roles.Admin).Resolve(_ => "s3cret");
    }

    private sealed class FaultyProbeType : ObjectGraphType<string>
    {
        public FaultyProbeType()
        {
            Name = "FaultyProbe";
            this.RecordsReadsOf<string>(_ => throw new InvalidOperationException("no member here"));
            Field<StringGraphType>("secret").Resolve(ctx => ctx.Source);
        }
    }
}


using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using MemberGraph.Auth;
using MemberGraph.Domain;
using MemberGraph.Tests.GraphQL;
using MemberGraph.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace MemberGraph.Tests.Schema;

/// <summary>
/// Every instant the graph answers carries its offset: a client in China reading "04:40:00" without one would put it
/// eight hours off. The test walks every object type's DateTime/DateTimeOffset fields the schema offers from
/// <c>Query</c> (found by introspection, not listed by hand) against a gateway with demo data and a few runs on top.
/// </summary>
public sealed partial class TimeOffsetTests : IAsyncLifetime
{
    private static readonly string[] InstantScalars = ["DateTime", "DateTimeOffset"];

    /// <summary>Types only mutations or subscriptions answer with: their times come from the clock, not from a row.</summary>
    private static readonly HashSet<string> NotReachableFromQuery =
        ["BindPhonePayload", "SignInWithWeChatPayload", "SignInWithWeComPayload", "CommissionUpdate", "CouponUpdate", "CustomerBound", "PointsChanged",
         "TierChanged", "CustomerTransfer", "DataExport", "TaskAssignment"];

    private GatewayHost _gateway = null!;

    public async Task InitializeAsync() => _gateway = await GatewayHost.StartAsync(new Dictionary<string, string?>
    {
        ["MemberGraph:SeedDemoData"] = "true",
        ["MemberGraph:DemoMembers"] = "300",
        ["WeChat:SubscribeTemplates:CouponExpiring"] = SubscribeTemplate,
    });

    public async Task DisposeAsync() => await _gateway.DisposeAsync();

    [Fact]
    public async Task Every_time_the_graph_answers_carries_an_offset()
    {
        // given: demo data, and runs that leave jobs, tags, segments, merges and transfers behind
        var admin = _gateway.Token(new TokenSubject(Roles.Admin));
        var subjects = await SubjectsAsync();
        await MakeHistoryAsync(admin, subjects);
        var tokens = new Dictionary<string, string>
        {
            [Roles.Admin] = admin,
            [Roles.Guide] = _gateway.Token(new TokenSubject(Roles.Guide, GuideId: subjects.GuideId, StoreId: subjects.StoreId)),
            [Roles.Staff] = _gateway.Token(new TokenSubject(Roles.Staff, StoreId: subjects.StoreId)),
            [Roles.Member] = _gateway.Token(new TokenSubject(Roles.Member, MemberId: subjects.MemberId)),
            [Roles.Partner] = _gateway.Token(new TokenSubject(Roles.Partner, PartnerId: DemoPartnerId, Scope: "benefits:read points:exchange")),
        };
        var schema = await SchemaAsync();
        var targets = schema.Types.Values.SelectMany(t => t.Fields.Where(f => InstantScalars.Contains(f.NamedType)).Select(f => (Type: t.Name, Field: f.Name))).ToList();

        // when: for each (type, field), the shortest paths from Query to the type, under each role, until a value shows
        var seen = new Dictionary<(string Type, string Field), List<string>>();
        var tried = new Dictionary<(string Type, string Field), string>();
        foreach (var (type, field) in targets.Where(t => schema.ReachableFromQuery.Contains(t.Type)))
        {
            var values = new List<string>();
            foreach (var path in schema.PathsTo(type, subjects).Take(6))
            {
                foreach (var token in tokens.Values)
                {
                    var answer = await _gateway.GraphQLAsync(path.Query(field), token: token);
                    if (answer.Data is { } data && answer.Errors is null)
                    {
                        Collect(data, field, values);
                    }

                    tried[(type, field)] = $"{path.Query(field)} → {answer.Body[..Math.Min(300, answer.Body.Length)]}";
                }

                if (values.Count > 0)
                {
                    break;
                }
            }

            seen[(type, field)] = values;
        }

        // then: every field showed at least one value, and every value has "Z" or ±hh:mm
        Assert.Equal(NotReachableFromQuery.Order(), targets.Select(t => t.Type).Where(t => !schema.ReachableFromQuery.Contains(t)).Distinct().Order());
        var withoutOffset = seen.SelectMany(s => s.Value.Where(v => !WithOffset().IsMatch(v)).Select(v => $"{s.Key.Type}.{s.Key.Field} = {v}")).Distinct().ToList();
        Assert.True(withoutOffset.Count == 0, "times without an offset: " + string.Join(", ", withoutOffset.Take(30)));
        var unseen = seen.Where(s => s.Value.Count == 0).Select(s => $"{s.Key.Type}.{s.Key.Field} (last tried: {tried.GetValueOrDefault(s.Key)})").ToList();
        Assert.True(unseen.Count == 0, "no value seen for " + string.Join(", ", unseen));
    }

    [Fact]
    public async Task Calendar_dates_are_plain_dates()
    {
        // given: Date is a day in a calendar (a birthday, a business day), not an instant: no time, no offset
        var schema = await SchemaAsync();
        var dates = schema.Types.Values.SelectMany(t => t.Fields.Where(f => f.NamedType == "Date").Select(f => $"{t.Name}.{f.Name}")).ToList();
        var member = await _gateway.Db().Members.AsNoTracking().Where(m => m.Birthday != null).Select(m => m.Id).FirstAsync();

        var admin = _gateway.Token(new TokenSubject(Roles.Admin));

        // when
        var answer = await _gateway.GraphQLAsync($"{{ member(id: \"{GlobalId.Encode("Member", member)}\") {{ birthday }} }}", token: admin);
        var settlement = await _gateway.GraphQLAsync(
            $"{{ partnerSettlement(partnerId: \"{DemoPartnerId}\", date: \"{BusinessToday}\") {{ date transactions(first: 1) {{ items {{ businessDate }} }} }} }}", token: admin);

        // then: a birthday, the business day a partner settles and the days a KPI period spans (China time)
        Assert.Equal(["GuideKpis.from", "GuideKpis.to", "Member.birthday", "PartnerSettlement.date", "PartnerTransaction.businessDate", "StoreKpis.from", "StoreKpis.to"], dates.Order(StringComparer.Ordinal));
        Assert.Matches(@"^\d{4}-\d{2}-\d{2}$", answer.OkData()["member"]!["birthday"]!.GetValue<string>());
        Assert.Equal(BusinessToday, settlement.OkData()["partnerSettlement"]!["date"]!.GetValue<string>());
    }

    private static void Collect(JsonNode? node, string field, List<string> values)
    {
        switch (node)
        {
            case JsonArray array:
                foreach (var item in array)
                {
                    Collect(item, field, values);
                }

                break;
            case JsonObject obj:
                foreach (var (name, value) in obj)
                {
                    if (name == field && value is JsonValue leaf)
                    {
                        values.Add(leaf.GetValue<string>());
                    }
                    else
                    {
                        Collect(value, field, values);
                    }
                }

                break;
        }
    }

    /// <summary>A guide with two customers, one of whom bought with the guide's code at the store and returned part of it.</summary>
    private async Task<Subjects> SubjectsAsync()
    {
        var data = new TestData(_gateway);
        var store = await data.StoreAsync();
        var (guide, colleague) = (await data.GuideAsync(store.Id), await data.GuideAsync(store.Id));
        var member = await data.MemberAsync("13900007001", DateTime.UtcNow.AddDays(-400), (MemberGraph.Members.IdentityChannel.WecomExternalUserid, "wmTimes01"));
        var other = await data.MemberAsync("13900007002");
        await data.RelationshipAsync(member.Id, guide.Id);
        await data.RelationshipAsync(other.Id, guide.Id);
        var order = new
        {
            channel = "POS", channelOrderId = "times-1", storeId = GlobalId.Encode("Store", store.Id), guideCode = guide.GuideCode,
            identities = new[] { new { channel = "PHONE", externalId = "13900007001" } },
            lines = new[] { new { sku = "SKU-1", category = "GIFT_BOX", quantity = 2, amountCents = 20_000L } },
            paidAmountCents = 20_000L, paidAt = DateTime.UtcNow.AddDays(-40),
        };
        var admin = _gateway.Token(new TokenSubject(Roles.Admin));
        var recorded = await new LoyaltyApi(_gateway).RecordOkAsync(order, admin);
        await new LoyaltyApi(_gateway).RefundOkAsync(new { orderId = recorded["id"]!.GetValue<string>(), refundId = "times-r1", amountCents = 5_000L }, admin);
        await using (var db = _gateway.Db())
        {
            // what only time or other runs bring: a settled line, a resigned guide, an ended follow, a used coupon, a fixed window
            var now = DateTime.UtcNow;
            await db.CommissionLines.ExecuteUpdateAsync(c => c.SetProperty(l => l.Status, MemberGraph.Commission.CommissionStatus.Settled).SetProperty(l => l.SettledAt, now));
            var resigned = await data.GuideAsync(store.Id);
            await db.Guides.Where(g => g.Id == resigned.Id).ExecuteUpdateAsync(g => g.SetProperty(x => x.Status, MemberGraph.Guides.GuideStatus.Resigned).SetProperty(x => x.ResignedAt, now));
            var ended = await data.RelationshipAsync(member.Id, resigned.Id, MemberGraph.Guides.GuideRelationshipKind.Follow);
            await db.GuideRelationships.Where(r => r.Id == ended.Id).ExecuteUpdateAsync(r => r.SetProperty(x => x.EndedAt, now));
            var template = await db.CouponTemplates.OrderBy(t => t.Id).FirstAsync();
            await db.CouponTemplates.Where(t => t.Id == template.Id)
                .ExecuteUpdateAsync(t => t.SetProperty(x => x.ValidFrom, now.AddDays(-1)).SetProperty(x => x.ValidUntil, now.AddDays(30)).SetProperty(x => x.ValidDaysAfterIssue, (int?)null));
            var used = new MemberGraph.Coupons.Coupon
            {
                TemplateId = template.Id, MemberId = member.Id, Code = "TIMES0000001", Status = MemberGraph.Coupons.CouponStatus.Redeemed, Source = MemberGraph.Coupons.CouponSource.Claim,
                IssuedAt = now.AddDays(-1), ValidFrom = now.AddDays(-1), ValidUntil = now.AddDays(30), RedeemedAt = now, RedeemedStoreId = store.Id,
            };
            db.Coupons.Add(used);

            // a coupon of the demo partner's own benefit, which the partner reads on the member it looks up
            var partnerTemplate = await db.CouponTemplates
                .FirstAsync(t => t.Kind == MemberGraph.Coupons.CouponKind.Partner && t.PartnerId == DemoPartnerId);
            foreach (var code in new[] { "TIMES0000002", "TAMES00000000003" }) // the second one the partner writes off (MakeHistoryAsync)
            {
                db.Coupons.Add(new MemberGraph.Coupons.Coupon
                {
                    TemplateId = partnerTemplate.Id, MemberId = member.Id, Code = code, Status = MemberGraph.Coupons.CouponStatus.Available,
                    Source = MemberGraph.Coupons.CouponSource.Claim, IssuedAt = now, ValidFrom = now, ValidUntil = now.AddDays(30),
                });
            }
            await db.SaveChangesAsync();

            // its history, as the services would have written it
            MemberGraph.Coupons.CouponHistory.Record(db, used.Id, MemberGraph.Coupons.CouponHistoryEvent.Issued, used.IssuedAt);
            MemberGraph.Coupons.CouponHistory.Record(db, used.Id, MemberGraph.Coupons.CouponHistoryEvent.Redeemed, now, store.Id, "TIMES-ORDER-1");
            await db.SaveChangesAsync();
        }

        return new Subjects(member.Id, other.Id, guide.Id, colleague.Id, store.Id, "wmTimes01", "13900007001");
    }

    private async Task MakeHistoryAsync(string admin, Subjects subjects)
    {
        async Task Ok(string mutation)
        {
            var answer = await _gateway.GraphQLAsync(mutation, token: admin);
            Assert.True(answer.Errors is null, answer.Body);
        }

        await Ok("mutation { defineTag(input: { key: \"regulars\", name: \"Regulars\", kind: RULE, rule: { kind: RFM, minOrders: 1 } }) { errors { code } } }");
        await Ok("mutation { runTagging(input: { mode: FULL, wait: true }) { errors { code } } }");
        await Ok("mutation { saveSegment(input: { name: \"regulars\", expression: \"regulars\" }) { errors { code } } }");
        await Ok("mutation { runJob(input: { job: \"tier-recompute\", wait: true }) { errors { code } } }");
        await GuideTaskDoneAsync(admin);
        await Ok("mutation { runJob(input: { job: \"commission-settlement\", wait: true }) { errors { code } } }");
        await using var db = _gateway.Db();
        var pair = await db.Members.AsNoTracking().Where(m => m.Id != subjects.MemberId && m.Id != subjects.OtherCustomerId).OrderBy(m => m.Id).Select(m => m.Id).Take(3).ToListAsync();
        var merged = await _gateway.GraphQLAsync(
            $"mutation {{ mergeMembers(input: {{ memberIds: [\"{Id("Member", pair[0])}\", \"{Id("Member", pair[1])}\"], reason: \"same person\" }}) {{ merges {{ id }} errors {{ code }} }} }}", token: admin);
        var mergeId = merged.OkData()["mergeMembers"]!["merges"]![0]!["id"]!.GetValue<string>();
        await Ok($"mutation {{ unmergeMember(input: {{ mergeId: \"{mergeId}\" }}) {{ errors {{ code }} }} }}");
        await Ok($"mutation {{ mergeMembers(input: {{ memberIds: [\"{Id("Member", pair[0])}\", \"{Id("Member", pair[2])}\"], reason: \"same person\" }}) {{ errors {{ code }} }} }}");
        await Ok($"mutation {{ transferCustomers(input: {{ fromGuideId: \"{Id("Guide", subjects.GuideId)}\", toGuideId: \"{Id("Guide", subjects.ColleagueId)}\", " +
                 $"memberIds: [\"{Id("Member", subjects.OtherCustomerId)}\"], reason: \"test\" }}) {{ errors {{ code }} }} }}");

        // erasure requests in every status: one pending, one cancelled, one completed by the job (its due date moved back)
        var requested = await db.Members.AsNoTracking()
            .Where(m => m.Status == MemberGraph.Members.MemberStatus.Active && m.Id != subjects.MemberId && m.Id != subjects.OtherCustomerId && !pair.Contains(m.Id))
            .OrderBy(m => m.Id).Skip(10).Select(m => m.Id).Take(3).ToListAsync();
        var (cancelled, erased) = (requested[1], requested[2]);
        foreach (var asking in requested)
        {
            await Ok($"mutation {{ requestErasure(input: {{ memberId: \"{Id("Member", asking)}\" }}) {{ errors {{ code }} }} }}");
        }

        await Ok($"mutation {{ cancelErasure(input: {{ memberId: \"{Id("Member", cancelled)}\" }}) {{ errors {{ code }} }} }}");
        await db.ErasureRequests.Where(r => r.MemberId == erased).ExecuteUpdateAsync(r => r.SetProperty(x => x.DueAt, DateTime.UtcNow.AddMinutes(-1)));
        await Ok("mutation { runJob(input: { job: \"privacy-erasure\", wait: true }) { errors { code } } }");

        // a consent to the demo's first partner, so the member's consents and consent ledger have a row, and the partner
        // finds the member (partnerMemberLookup) with its coupons
        var consent = await _gateway.GraphQLAsync(
            $"mutation {{ grantPartnerConsent(input: {{ partnerId: \"{DemoPartnerId}\", purpose: BENEFITS }}) {{ errors {{ code }} }} }}",
            token: _gateway.Token(new TokenSubject(Roles.Member, MemberId: subjects.MemberId)));
        Assert.True(consent.OkData()["grantPartnerConsent"]!["errors"]!.AsArray().Count == 0, consent.Body);

        // a subscribe-message acceptance and a guide-outreach opt-in, so the member's marketing consents have rows
        var member = _gateway.Token(new TokenSubject(Roles.Member, MemberId: subjects.MemberId));
        var subscribed = await _gateway.GraphQLAsync(
            $"mutation {{ recordSubscribeMessageConsent(input: {{ results: [{{ templateId: \"{SubscribeTemplate}\", accepted: true }}] }}) {{ errors {{ code }} }} }}",
            token: member);
        Assert.True(subscribed.OkData()["recordSubscribeMessageConsent"]!["errors"]!.AsArray().Count == 0, subscribed.Body);
        var outreach = await _gateway.GraphQLAsync("mutation { recordGuideOutreachConsent(input: { granted: true }) { errors { code } } }", token: member);
        Assert.True(outreach.OkData()["recordGuideOutreachConsent"]!["errors"]!.AsArray().Count == 0, outreach.Body);

        // a journey that acted on a first-time buyer, so journeys and their enrolments have times (enrolled, due, acted)
        var kit = new MemberGraph.Tests.Coupons.CouponKit(_gateway);
        var journeyTemplate = await kit.TemplateAsync();
        var journey = await _gateway.GraphQLAsync(
            "mutation ($input: DefineJourneyInput!) { defineJourney(input: $input) { journey { id } errors { code } } }",
            new { input = new { name = "times", trigger = new { kind = "NTH_PURCHASE", purchaseNumber = 1 }, actions = new[] { new { kind = "ISSUE_COUPON", couponTemplateId = journeyTemplate } } } },
            admin);
        var journeyId = journey.OkData()["defineJourney"]!["journey"]!["id"]!.GetValue<string>();
        await Ok($"mutation {{ activateJourney(input: {{ id: \"{journeyId}\" }}) {{ errors {{ code }} }} }}");
        await new LoyaltyApi(_gateway).RecordOkAsync(LoyaltyApi.Order("times-journey-1", "CARD-TIMES-JOURNEY", 1_000), admin);
        await Ok("mutation { runJob(input: { job: \"journey-advance\", wait: true }) { errors { code } } }");

        // a write-off of the partner's benefit, so its settlement of today has a transaction
        var redeemed = await _gateway.GraphQLAsync(
            "mutation { redeemPartnerBenefit(input: { code: \"TAMES00000000003\", transactionId: \"TIMES-1\" }) { errors { code } } }",
            token: _gateway.Token(new TokenSubject(Roles.Partner, PartnerId: DemoPartnerId, Scope: "benefits:redeem")));
        Assert.True(redeemed.OkData()["redeemPartnerBenefit"]!["errors"]!.AsArray().Count == 0, redeemed.Body);
    }

    /// <summary>A campaign over the "regulars" segment, and one of its tasks completed by its guide (so doneAt has a value).</summary>
    private async Task GuideTaskDoneAsync(string admin)
    {
        var segment = await _gateway.GraphQLAsync("{ segments(first: 1) { edges { node { id } } } }", token: admin);
        var segmentId = segment.OkData()["segments"]!["edges"]![0]!["node"]!["id"]!.GetValue<string>();
        var created = await _gateway.GraphQLAsync(
            $"mutation {{ createGuideTaskCampaign(input: {{ name: \"times\", kind: DORMANT_RECALL, script: \"Say hello\", segmentId: \"{segmentId}\", dueInDays: 7, idempotencyKey: \"times\" }}) {{ errors {{ code }} }} }}",
            token: admin);
        Assert.True(created.OkData()["createGuideTaskCampaign"]!["errors"]!.AsArray().Count == 0, created.Body);
        await using var db = _gateway.Db();
        var task = await db.GuideTasks.AsNoTracking().Where(t => t.Status == MemberGraph.Guides.Tasks.GuideTaskStatus.Open).OrderBy(t => t.Id).FirstAsync();
        var guide = await db.Guides.AsNoTracking().SingleAsync(g => g.Id == task.GuideId);
        var done = await _gateway.GraphQLAsync(
            $"mutation {{ completeGuideTask(input: {{ taskId: \"{Id("GuideTask", task.Id)}\", outcome: NO_ANSWER }}) {{ errors {{ code }} }} }}",
            token: _gateway.Token(new TokenSubject(Roles.Guide, GuideId: guide.Id, StoreId: guide.StoreId)));
        Assert.True(done.OkData()["completeGuideTask"]!["errors"]!.AsArray().Count == 0, done.Body);
    }

    private static string Id(string type, long key) => GlobalId.Encode(type, key);

    private const string SubscribeTemplate = "tmpl-times";

    /// <summary>The demo's first partner (万象城), the partner of the demo's PARTNER coupon template.</summary>
    internal const long DemoPartnerId = 1;

    /// <summary>Today in China time: the business day of the partner transactions the history makes.</summary>
    internal static string BusinessToday => DateOnly.FromDateTime(DateTime.UtcNow.AddHours(8)).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);

    [GeneratedRegex(@"(Z|[+-]\d{2}:\d{2})$")]
    private static partial Regex WithOffset();

    private async Task<SchemaMap> SchemaAsync()
    {
        var answer = await _gateway.GraphQLAsync(IntrospectionQuery.Text);
        return SchemaMap.From(answer.OkData()["__schema"]!);
    }

    internal sealed record Subjects(
        long MemberId, long OtherCustomerId, long GuideId, long ColleagueId, long StoreId, string? ExternalUserId, string? Phone = null);
}

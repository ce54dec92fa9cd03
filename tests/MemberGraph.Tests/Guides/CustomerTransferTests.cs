using MemberGraph.Auth;
using MemberGraph.Guides;
using MemberGraph.GraphQL;
using MemberGraph.Members;
using MemberGraph.Tencent.WeCom;
using MemberGraph.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace MemberGraph.Tests.Guides;

/// <summary>transferCustomers / markGuideResigned / completeDueTransfers against the WeCom stub.</summary>
public sealed class CustomerTransferTests : IAsyncLifetime
{
    private const string Transfer = """
        mutation($input: TransferCustomersInput!) {
          transferCustomers(input: $input) {
            transfers { id kind status failReason member { id } toGuide { guideCode } }
            refusals { memberId code message }
            errors { code field }
          }
        }
        """;

    private WeComTestHost _host = null!;

    public async Task InitializeAsync() => _host = await WeComTestHost.StartAsync();

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task Transferring_230_customers_makes_three_WeCom_calls_of_at_most_100()
    {
        // given
        var store = await _host.Data.StoreAsync();
        var (from, to) = (await _host.Data.GuideAsync(store.Id), await _host.Data.GuideAsync(store.Id));
        await CustomersAsync(from, 230);

        // when
        var response = await _host.Gateway.GraphQLAsync(Transfer, new { input = new { fromGuideId = Id(from), toGuideId = Id(to), reason = "store reorganised" } }, _host.Data.StaffToken(store.Id));

        // then
        var payload = response.OkData()["transferCustomers"]!;
        Assert.Equal(230, payload["transfers"]!.AsArray().Count);
        Assert.All(payload["transfers"]!.AsArray(), t => Assert.Equal(("PENDING", "ON_JOB"), (t!["status"]!.GetValue<string>(), t["kind"]!.GetValue<string>())));
        var calls = _host.Stub.CallsTo("externalcontact/transfer_customer");
        Assert.Equal([100, 100, 30], calls.Select(c => c.Body!["external_userid"]!.AsArray().Count));
        Assert.All(calls, c => Assert.Equal((from.WeComUserId, to.WeComUserId), (c.Body!["handover_userid"]!.GetValue<string>(), c.Body["takeover_userid"]!.GetValue<string>())));
        Assert.Equal(230, calls.SelectMany(c => c.Body!["external_userid"]!.AsArray().Select(e => e!.GetValue<string>())).Distinct().Count());
        await using var db = _host.Gateway.Db();
        Assert.Equal(230, await db.GuideRelationships.CountAsync(r => r.GuideId == from.Id && r.EndedAt == null));
        Assert.Equal(230, await db.AuditEntries.CountAsync(a => a.Operation == "guide.transfer.requested"));
    }

    [Fact]
    public async Task After_24_hours_the_takeover_completes_ending_the_old_relationship_and_opening_one_with_source_transfer()
    {
        // given: a pending transfer of one customer
        var store = await _host.Data.StoreAsync();
        var (from, to) = (await _host.Data.GuideAsync(store.Id), await _host.Data.GuideAsync(store.Id));
        var (member, _) = (await CustomersAsync(from, 1)).Single();
        var started = await _host.Gateway.GraphQLAsync(Transfer, new { input = new { fromGuideId = Id(from), toGuideId = Id(to), reason = "workload" } }, _host.Data.AdminToken());
        Assert.Single(started.OkData()["transferCustomers"]!["transfers"]!.AsArray());
        var service = _host.Gateway.Service<CustomerTransferService>();
        var now = DateTime.UtcNow;

        // when: the completion step runs before and after the 24 h
        var early = await service.CompleteDueTransfersAsync(now.AddHours(23), WeComContactEventHandler.WeComActor, CancellationToken.None);
        var due = await service.CompleteDueTransfersAsync(now.AddHours(25), WeComContactEventHandler.WeComActor, CancellationToken.None);

        // then
        Assert.Equal(new CompletionReport(0, 0, 0), early);
        Assert.Equal(new CompletionReport(1, 0, 0), due);
        Assert.Equal(1, _host.Stub.Calls("externalcontact/transfer_result"));
        await using var db = _host.Gateway.Db();
        var history = await db.GuideRelationships.Where(r => r.MemberId == member.Id).OrderBy(r => r.Id).ToListAsync();
        Assert.Equal(2, history.Count);
        Assert.Equal((from.Id, GuideRelationships.Transferred), (history[0].GuideId, history[0].EndReason));
        Assert.Equal((to.Id, RelationshipSource.Transfer, GuideRelationshipKind.Exclusive, (DateTime?)null), (history[1].GuideId, history[1].Source, history[1].Kind, history[1].EndedAt));
        var transfer = await db.CustomerTransfers.SingleAsync();
        Assert.Equal((CustomerTransferStatus.Completed, (long?)history[1].Id), (transfer.Status, transfer.NewRelationshipId));
        Assert.Contains(await db.AuditEntries.ToListAsync(), a => a.Operation == "guide.transfer.completed" && a.Target == $"Member:{member.Id}");
    }

    [Fact]
    public async Task The_completion_run_follows_transfer_result_statuses()
    {
        // given: three pending transfers, requested more than 24 h ago
        var store = await _host.Data.StoreAsync();
        var (from, to) = (await _host.Data.GuideAsync(store.Id), await _host.Data.GuideAsync(store.Id));
        var customers = await CustomersAsync(from, 3);
        await _host.Gateway.GraphQLAsync(Transfer, new { input = new { fromGuideId = Id(from), toGuideId = Id(to), reason = "workload" } }, _host.Data.AdminToken());
        await using (var db = _host.Gateway.Db())
        {
            await db.CustomerTransfers.ExecuteUpdateAsync(s => s.SetProperty(t => t.DueAt, DateTime.UtcNow.AddMinutes(-1)));
        }

        _host.Stub.TransferStatuses[customers[0].External] = WeComTransferStatus.Completed;
        _host.Stub.TransferStatuses[customers[1].External] = WeComTransferStatus.Waiting;
        _host.Stub.TransferStatuses[customers[2].External] = WeComTransferStatus.CustomerRefused;

        // when: the admin runs the completion step through GraphQL
        var response = await _host.Gateway.GraphQLAsync("mutation { completeDueTransfers(input: {}) { completed failed stillPending errors { code } } }", token: _host.Data.AdminToken());

        // then
        var report = response.OkData()["completeDueTransfers"]!;
        Assert.Equal((1, 1, 1), (report["completed"]!.GetValue<int>(), report["failed"]!.GetValue<int>(), report["stillPending"]!.GetValue<int>()));
        await using var check = _host.Gateway.Db();
        var statuses = await check.CustomerTransfers.ToDictionaryAsync(t => t.MemberId, t => (t.Status, t.FailReason));
        Assert.Equal((CustomerTransferStatus.Completed, (string?)null), statuses[customers[0].Member.Id]);
        Assert.Equal((CustomerTransferStatus.Pending, (string?)null), statuses[customers[1].Member.Id]);
        Assert.Equal((CustomerTransferStatus.Failed, "customer_refused"), statuses[customers[2].Member.Id]);
        Assert.Null((await check.GuideRelationships.SingleAsync(r => r.MemberId == customers[2].Member.Id && r.GuideId == from.Id)).EndedAt);
    }

    [Fact]
    public async Task Each_customer_is_transferred_at_most_twice_in_90_days()
    {
        // given: customer A was transferred twice in the last 90 days, B once, C twice but one of them 100 days ago
        var store = await _host.Data.StoreAsync();
        var (from, to, earlier) = (await _host.Data.GuideAsync(store.Id), await _host.Data.GuideAsync(store.Id), await _host.Data.GuideAsync(store.Id));
        var customers = await CustomersAsync(from, 3);
        var now = DateTime.UtcNow;
        await using (var db = _host.Gateway.Db())
        {
            db.CustomerTransfers.AddRange(
                History(customers[0].Member.Id, earlier.Id, from.Id, now.AddDays(-80)),
                History(customers[0].Member.Id, earlier.Id, from.Id, now.AddDays(-10)),
                History(customers[1].Member.Id, earlier.Id, from.Id, now.AddDays(-10)),
                History(customers[2].Member.Id, earlier.Id, from.Id, now.AddDays(-100)),
                History(customers[2].Member.Id, earlier.Id, from.Id, now.AddDays(-20)));
            await db.SaveChangesAsync();
        }

        // when
        var response = await _host.Gateway.GraphQLAsync(Transfer, new
        {
            input = new { fromGuideId = Id(from), toGuideId = Id(to), memberIds = customers.Select(c => GlobalId.Encode("Member", c.Member.Id)).ToArray(), reason = "again" },
        }, _host.Data.AdminToken());

        // then: A is refused with TRANSFER_LIMIT_REACHED, the others go ahead
        var payload = response.OkData()["transferCustomers"]!;
        var refusal = Assert.Single(payload["refusals"]!.AsArray())!;
        Assert.Equal((GlobalId.Encode("Member", customers[0].Member.Id), "TRANSFER_LIMIT_REACHED"), (refusal["memberId"]!.GetValue<string>(), refusal["code"]!.GetValue<string>()));
        Assert.Equal(
            new[] { customers[1].Member.Id, customers[2].Member.Id }.Select(id => GlobalId.Encode("Member", id)),
            payload["transfers"]!.AsArray().Select(t => t!["member"]!["id"]!.GetValue<string>()));
        var sent = Assert.Single(_host.Stub.CallsTo("externalcontact/transfer_customer")).Body!["external_userid"]!.AsArray().Select(e => e!.GetValue<string>());
        Assert.DoesNotContain(customers[0].External, sent);
    }

    [Fact]
    public async Task The_third_transfer_within_90_days_is_refused_after_two_completed_ones()
    {
        var store = await _host.Data.StoreAsync();
        var (a, b) = (await _host.Data.GuideAsync(store.Id), await _host.Data.GuideAsync(store.Id));
        var (member, _) = (await CustomersAsync(a, 1)).Single();
        var service = _host.Gateway.Service<CustomerTransferService>();
        var admin = _host.Data.AdminToken();

        foreach (var (from, to) in new[] { (a, b), (b, a) })
        {
            var ok = await _host.Gateway.GraphQLAsync(Transfer, new { input = new { fromGuideId = Id(from), toGuideId = Id(to), reason = "rotation" } }, admin);
            Assert.Empty(ok.OkData()["transferCustomers"]!["refusals"]!.AsArray());
            await service.CompleteDueTransfersAsync(DateTime.UtcNow.AddHours(25), WeComContactEventHandler.WeComActor, CancellationToken.None);
        }

        var third = await _host.Gateway.GraphQLAsync(Transfer, new { input = new { fromGuideId = Id(a), toGuideId = Id(b), reason = "rotation" } }, admin);

        Assert.Equal("TRANSFER_LIMIT_REACHED", third.OkData()["transferCustomers"]!["refusals"]![0]!["code"]!.GetValue<string>());
        Assert.Equal(2, _host.Stub.Calls("externalcontact/transfer_customer"));
        await using var db = _host.Gateway.Db();
        Assert.Equal(3, await db.GuideRelationships.CountAsync(r => r.MemberId == member.Id));
    }

    [Fact]
    public async Task A_transfer_fail_event_fails_the_pending_transfer_and_keeps_the_old_relationship()
    {
        // given
        var store = await _host.Data.StoreAsync();
        var (from, to) = (await _host.Data.GuideAsync(store.Id), await _host.Data.GuideAsync(store.Id));
        var (member, external) = (await CustomersAsync(from, 1)).Single();
        await _host.Gateway.GraphQLAsync(Transfer, new { input = new { fromGuideId = Id(from), toGuideId = Id(to), reason = "workload" } }, _host.Data.AdminToken());

        // when: WeCom reports the customer refused (UserID is the takeover member)
        using var response = await _host.PostEventAsync(WeComTestHost.ContactEventXml(WeComContactEvent.TransferFail, to.WeComUserId, external, WeComTestHost.NextCreateTime(),
            failReason: "customer_refused"));

        // then
        Assert.Equal(200, (int)response.StatusCode);
        await using var db = _host.Gateway.Db();
        var transfer = await db.CustomerTransfers.SingleAsync();
        Assert.Equal((CustomerTransferStatus.Failed, "customer_refused"), (transfer.Status, transfer.FailReason));
        Assert.Null((await db.GuideRelationships.SingleAsync(r => r.MemberId == member.Id)).EndedAt);
        var report = await _host.Gateway.Service<CustomerTransferService>().CompleteDueTransfersAsync(DateTime.UtcNow.AddDays(2), WeComContactEventHandler.WeComActor, CancellationToken.None);
        Assert.Equal(new CompletionReport(0, 0, 0), report);
    }

    [Fact]
    public async Task A_customer_WeCom_refuses_fails_at_once_and_a_pending_customer_cannot_be_transferred_again()
    {
        var store = await _host.Data.StoreAsync();
        var (from, to) = (await _host.Data.GuideAsync(store.Id), await _host.Data.GuideAsync(store.Id));
        var customers = await CustomersAsync(from, 2);
        _host.Stub.TransferErrCodes[customers[0].External] = 40096;
        var admin = _host.Data.AdminToken();

        var first = await _host.Gateway.GraphQLAsync(Transfer, new { input = new { fromGuideId = Id(from), toGuideId = Id(to), reason = "x" } }, admin);
        var second = await _host.Gateway.GraphQLAsync(Transfer, new { input = new { fromGuideId = Id(from), toGuideId = Id(to), reason = "x" } }, admin);

        var statuses = first.OkData()["transferCustomers"]!["transfers"]!.AsArray().Select(t => (t!["status"]!.GetValue<string>(), t["failReason"]?.GetValue<string>())).ToList();
        Assert.Contains(("FAILED", "WeCom refused this customer (errcode 40096)"), statuses);
        Assert.Contains(("PENDING", null), statuses);
        var again = second.OkData()["transferCustomers"]!;
        Assert.Equal("TRANSFER_PENDING", Assert.Single(again["refusals"]!.AsArray())!["code"]!.GetValue<string>());
        Assert.Single(again["transfers"]!.AsArray());
    }

    [Fact]
    public async Task Parallel_requests_start_at_most_one_pending_transfer_per_customer()
    {
        var store = await _host.Data.StoreAsync();
        var (from, to) = (await _host.Data.GuideAsync(store.Id), await _host.Data.GuideAsync(store.Id));
        await CustomersAsync(from, 5);

        var responses = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ =>
            _host.Gateway.GraphQLAsync(Transfer, new { input = new { fromGuideId = Id(from), toGuideId = Id(to), reason = "race" } }, _host.Data.AdminToken())));

        Assert.Equal(5, responses.Sum(r => r.OkData()["transferCustomers"]!["transfers"]!.AsArray().Count));
        Assert.Equal(15, responses.Sum(r => r.OkData()["transferCustomers"]!["refusals"]!.AsArray().Count));
        await using var db = _host.Gateway.Db();
        Assert.Equal(5, await db.CustomerTransfers.CountAsync(t => t.Status == CustomerTransferStatus.Pending));
    }

    [Fact]
    public async Task Marking_a_guide_resigned_offers_their_customers_round_robin_to_the_stores_other_guides()
    {
        // given: a guide with 5 customers (one of them not on WeCom), two colleagues, a guide of another store
        var (store, otherStore) = (await _host.Data.StoreAsync(), await _host.Data.StoreAsync());
        var leaving = await _host.Data.GuideAsync(store.Id);
        var (c1, c2) = (await _host.Data.GuideAsync(store.Id), await _host.Data.GuideAsync(store.Id));
        await _host.Data.GuideAsync(otherStore.Id);
        await CustomersAsync(leaving, 4);
        var offline = await _host.Data.MemberAsync("13700000000");
        await _host.Data.RelationshipAsync(offline.Id, leaving.Id, GuideRelationshipKind.Exclusive, RelationshipSource.ShareLink);

        // when
        var response = await _host.Gateway.GraphQLAsync("""
            mutation($id: ID!) { markGuideResigned(input: { guideId: $id }) {
              guide { status resignedAt } transfers { kind status toGuide { guideCode } } refusals { code } errors { code } } }
            """, new { id = Id(leaving) }, _host.Data.StaffToken(store.Id));

        // then
        var payload = response.OkData()["markGuideResigned"]!;
        Assert.Equal("RESIGNED", payload["guide"]!["status"]!.GetValue<string>());
        var transfers = payload["transfers"]!.AsArray();
        Assert.Equal(5, transfers.Count);
        Assert.All(transfers, t => Assert.Equal("RESIGNED", t!["kind"]!.GetValue<string>()));
        var byGuide = transfers.GroupBy(t => t!["toGuide"]!["guideCode"]!.GetValue<string>()).ToDictionary(g => g.Key, g => g.Count());
        Assert.Equal(new Dictionary<string, int> { [c1.GuideCode] = 3, [c2.GuideCode] = 2 }, byGuide);
        Assert.Single(transfers, t => t!["status"]!.GetValue<string>() == "COMPLETED");
        Assert.Equal(0, _host.Stub.Calls("externalcontact/transfer_customer"));
        Assert.Equal(4, _host.Stub.CallsTo("externalcontact/resigned/transfer_customer").Sum(c => c.Body!["external_userid"]!.AsArray().Count));
        var again = await _host.Gateway.GraphQLAsync("mutation($id: ID!) { markGuideResigned(input: { guideId: $id }) { errors { code } } }", new { id = Id(leaving) }, _host.Data.AdminToken());
        Assert.Equal("GUIDE_RESIGNED", again.OkData()["markGuideResigned"]!["errors"]![0]!["code"]!.GetValue<string>());
    }

    [Theory]
    [InlineData("to a resigned guide", "GUIDE_RESIGNED", "toGuideId")]
    [InlineData("to oneself", "INVALID_INPUT", "toGuideId")]
    [InlineData("from an unknown guide", "NOT_FOUND", "fromGuideId")]
    [InlineData("without a reason", "INVALID_INPUT", "reason")]
    [InlineData("more than 100 members", "INVALID_INPUT", "memberIds")]
    public async Task Invalid_requests_are_user_errors(string scenario, string code, string field)
    {
        var store = await _host.Data.StoreAsync();
        var (from, to) = (await _host.Data.GuideAsync(store.Id), await _host.Data.GuideAsync(store.Id));
        if (scenario == "to a resigned guide")
        {
            await using var db = _host.Gateway.Db();
            await db.Guides.Where(g => g.Id == to.Id).ExecuteUpdateAsync(s => s.SetProperty(g => g.Status, GuideStatus.Resigned));
        }

        object input = scenario switch
        {
            "to oneself" => new { fromGuideId = Id(from), toGuideId = Id(from), reason = "x" },
            "from an unknown guide" => new { fromGuideId = GlobalId.Encode("Guide", 999999), toGuideId = Id(to), reason = "x" },
            "without a reason" => new { fromGuideId = Id(from), toGuideId = Id(to), reason = " " },
            "more than 100 members" => new { fromGuideId = Id(from), toGuideId = Id(to), reason = "x", memberIds = Enumerable.Range(1, 101).Select(i => GlobalId.Encode("Member", i)).ToArray() },
            _ => new { fromGuideId = Id(from), toGuideId = Id(to), reason = "x" },
        };

        var response = await _host.Gateway.GraphQLAsync(Transfer, new { input }, _host.Data.AdminToken());

        var error = response.OkData()["transferCustomers"]!["errors"]![0]!;
        Assert.Equal((code, field), (error["code"]!.GetValue<string>(), error["field"]!.GetValue<string>()));
    }

    private static string Id(Guide guide) => GlobalId.Encode("Guide", guide.Id);

    /// <summary>Customers of the guide who added them on WeCom: each with a WeCom external user id and an exclusive relationship.</summary>
    private async Task<List<(Member Member, string External)>> CustomersAsync(Guide guide, int count)
    {
        var customers = new List<(Member, string)>();
        await using var db = _host.Gateway.Db();
        for (var i = 0; i < count; i++)
        {
            var external = WeComTestHost.ExternalUserId();
            var member = new Member { DisplayName = $"Customer {i}", CreatedAt = DateTime.UtcNow, TouchedAt = DateTime.UtcNow, AddedGuideOnWeCom = true };
            member.Identities.Add(new Identity { Channel = IdentityChannel.WecomExternalUserid, ExternalId = external, LinkedAt = DateTime.UtcNow });
            db.Members.Add(member);
            customers.Add((member, external));
        }

        await db.SaveChangesAsync();
        db.GuideRelationships.AddRange(customers.Select(c => new GuideRelationship
        {
            MemberId = c.Item1.Id, GuideId = guide.Id, Kind = GuideRelationshipKind.Exclusive, Source = RelationshipSource.WeComAddContact, Since = DateTime.UtcNow,
        }));
        await db.SaveChangesAsync();
        return customers;
    }

    private static CustomerTransfer History(long memberId, long fromGuideId, long toGuideId, DateTime at) => new()
    {
        MemberId = memberId,
        FromGuideId = fromGuideId,
        ToGuideId = toGuideId,
        Kind = CustomerTransferKind.OnJob,
        Status = CustomerTransferStatus.Completed,
        Reason = "history",
        RequestedBy = "test",
        RequestedAt = at,
        DueAt = at.AddHours(24),
        CompletedAt = at.AddHours(24),
    };
}

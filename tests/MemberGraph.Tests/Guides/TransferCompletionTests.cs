using MemberGraph.Auth;
using MemberGraph.Guides;
using MemberGraph.GraphQL;
using MemberGraph.Members;
using MemberGraph.Tencent.WeCom;
using MemberGraph.Tests.Infrastructure;
using static MemberGraph.Tests.Guides.TransferTestData;
using Microsoft.EntityFrameworkCore;

namespace MemberGraph.Tests.Guides;

/// <summary>How transfers end: completion after 24 h per transfer_result, transfer_fail, and a guide's resignation.</summary>
public sealed class TransferCompletionTests : IAsyncLifetime
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
    public async Task After_24_hours_the_takeover_completes_ending_the_old_relationship_and_opening_one_with_source_transfer()
    {
        // given: a pending transfer of one customer
        var store = await _host.Data.StoreAsync();
        var (from, to) = (await _host.Data.GuideAsync(store.Id), await _host.Data.GuideAsync(store.Id));
        var (member, _) = (await _host.CustomersAsync(from, 1)).Single();
        var started = await _host.Gateway.GraphQLAsync(Transfer, new { input = new { fromGuideId = Id(from), toGuideId = Id(to), reason = "workload" } }, _host.Data.AdminToken());
        Assert.Single(started.OkData()["transferCustomers"]!["transfers"]!.AsArray());
        var service = _host.Gateway.Service<CustomerTransferCompletion>();
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
        var customers = await _host.CustomersAsync(from, 3);
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
    public async Task A_transfer_fail_event_fails_the_pending_transfer_and_keeps_the_old_relationship()
    {
        // given
        var store = await _host.Data.StoreAsync();
        var (from, to) = (await _host.Data.GuideAsync(store.Id), await _host.Data.GuideAsync(store.Id));
        var (member, external) = (await _host.CustomersAsync(from, 1)).Single();
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
        var report = await _host.Gateway.Service<CustomerTransferCompletion>().CompleteDueTransfersAsync(DateTime.UtcNow.AddDays(2), WeComContactEventHandler.WeComActor, CancellationToken.None);
        Assert.Equal(new CompletionReport(0, 0, 0), report);
    }

    [Fact]
    public async Task Marking_a_guide_resigned_offers_their_customers_round_robin_to_the_stores_other_guides()
    {
        // given: a guide with 5 customers (one of them not on WeCom), two colleagues, a guide of another store
        var (store, otherStore) = (await _host.Data.StoreAsync(), await _host.Data.StoreAsync());
        var leaving = await _host.Data.GuideAsync(store.Id);
        var (c1, c2) = (await _host.Data.GuideAsync(store.Id), await _host.Data.GuideAsync(store.Id));
        await _host.Data.GuideAsync(otherStore.Id);
        await _host.CustomersAsync(leaving, 4);
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
}

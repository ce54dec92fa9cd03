using MemberGraph.Data;
using MemberGraph.Auth;
using MemberGraph.Domain;
using MemberGraph.Guides;
using MemberGraph.GraphQL;
using MemberGraph.Members;
using MemberGraph.Tencent.WeCom;
using MemberGraph.Tests.Infrastructure;
using static MemberGraph.Tests.Guides.TransferTestData;
using Microsoft.EntityFrameworkCore;

namespace MemberGraph.Tests.Guides;

/// <summary>transferCustomers against the WeCom stub: batching, the 2-in-90-days rule, refusals, concurrency.</summary>
public abstract class CustomerTransferTests(DatabaseKind database) : IAsyncLifetime
{
    public sealed class OnSqlite() : CustomerTransferTests(DatabaseKind.Sqlite);

    public sealed class OnPostgres() : CustomerTransferTests(DatabaseKind.Postgres);

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

    public async Task InitializeAsync() => _host = await WeComTestHost.StartAsync(database: database);

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task Transferring_230_customers_makes_three_WeCom_calls_of_at_most_100()
    {
        // given
        var store = await _host.Data.StoreAsync();
        var (from, to) = (await _host.Data.GuideAsync(store.Id), await _host.Data.GuideAsync(store.Id));
        await _host.CustomersAsync(from, 230);

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
    public async Task Each_customer_is_transferred_at_most_twice_in_90_days()
    {
        // given: customer A was transferred twice in the last 90 days, B once, C twice but one of them 100 days ago
        var store = await _host.Data.StoreAsync();
        var (from, to, earlier) = (await _host.Data.GuideAsync(store.Id), await _host.Data.GuideAsync(store.Id), await _host.Data.GuideAsync(store.Id));
        var customers = await _host.CustomersAsync(from, 3);
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
        var (member, _) = (await _host.CustomersAsync(a, 1)).Single();
        var service = _host.Gateway.Service<CustomerTransferCompletion>();
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
    public async Task A_customer_WeCom_refuses_fails_at_once_and_a_pending_customer_cannot_be_transferred_again()
    {
        var store = await _host.Data.StoreAsync();
        var (from, to) = (await _host.Data.GuideAsync(store.Id), await _host.Data.GuideAsync(store.Id));
        var customers = await _host.CustomersAsync(from, 2);
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
        await _host.CustomersAsync(from, 5);

        var responses = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ =>
            _host.Gateway.GraphQLAsync(Transfer, new { input = new { fromGuideId = Id(from), toGuideId = Id(to), reason = "race" } }, _host.Data.AdminToken())));

        Assert.Equal(5, responses.Sum(r => r.OkData()["transferCustomers"]!["transfers"]!.AsArray().Count));
        Assert.Equal(15, responses.Sum(r => r.OkData()["transferCustomers"]!["refusals"]!.AsArray().Count));
        await using var db = _host.Gateway.Db();
        Assert.Equal(5, await db.CustomerTransfers.CountAsync(t => t.Status == CustomerTransferStatus.Pending));
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
}

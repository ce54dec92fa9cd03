using System.Text.Json.Nodes;
using MemberGraph.Auth;
using MemberGraph.Domain;
using MemberGraph.GraphQL;
using MemberGraph.Members;
using MemberGraph.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace MemberGraph.Tests.Orders;

/// <summary>
/// The till records the order of the member it just scanned: by the member code, or by the member's id, never by the
/// masked phone staff see (that used to create a new member "微信用户").
/// </summary>
public sealed class StoreOrderBuyerTests : IAsyncLifetime
{
    private readonly MutableTimeProvider _clock = new();
    private GatewayHost _gateway = null!;
    private TestData _data = null!;
    private LoyaltyApi _api = null!;

    public async Task InitializeAsync()
    {
        _gateway = await GatewayHost.StartAsync(services: s => s.AddSingleton<TimeProvider>(_clock));
        _data = new TestData(_gateway);
        _api = new LoyaltyApi(_gateway);
    }

    public async Task DisposeAsync() => await _gateway.DisposeAsync();

    [Fact]
    public async Task Staff_record_the_order_of_the_scanned_member_code_and_a_retry_after_the_code_expired_is_a_replay()
    {
        // given: the member shows the code at the till; the till knows no identity of theirs
        var member = await _data.MemberAsync("14000000023");
        var store = await _data.StoreAsync();
        var staff = _data.StaffToken(store.Id);
        var code = _gateway.Service<MemberCodeService>().Issue(member.Id).Code;
        var input = StoreOrder("POS-MC-1", 6_600, member: new { memberCode = code });

        // when: recorded, then retried by the till after a timeout, once the code's minute is over
        var first = await _api.RecordOkAsync(input, staff);
        _clock.Advance(TimeSpan.FromSeconds(61));
        var retry = (await _api.RecordAsync(input, staff)).OkData()["recordOrder"]!;

        // then: the member's order, recorded once; nobody new
        Assert.Equal(member.Id, LoyaltyApi.MemberKey(first));
        Assert.True(retry["replayed"]!.GetValue<bool>(), retry.ToJsonString());
        Assert.Equal(first["id"]!.GetValue<string>(), retry["order"]!["id"]!.GetValue<string>());
        await using var db = _gateway.Db();
        Assert.Equal(1, await db.Members.CountAsync());
        Assert.Equal(1, await db.Orders.CountAsync(o => o.ChannelOrderId == "POS-MC-1" && o.MemberId == member.Id));
        Assert.Equal(66, (await _api.TotalsAsync(member.Id)).Pending);
    }

    [Fact]
    public async Task An_expired_or_forged_member_code_records_nothing()
    {
        // given
        var member = await _data.MemberAsync("13800000031");
        var staff = _data.StaffToken((await _data.StoreAsync()).Id);
        var code = _gateway.Service<MemberCodeService>().Issue(member.Id).Code;
        _clock.Advance(TimeSpan.FromSeconds(61));

        // when
        var expired = (await _api.RecordAsync(StoreOrder("POS-MC-2", 1_000, member: new { memberCode = code }), staff)).OkData()["recordOrder"]!;
        var forged = (await _api.RecordAsync(StoreOrder("POS-MC-3", 1_000, member: new { memberCode = code[..^1] + (code[^1] == '0' ? '1' : '0') }), staff))
            .OkData()["recordOrder"]!;

        // then: the codes memberByCode answers with, as payload errors
        Assert.Equal(("MEMBER_CODE_EXPIRED", "member.memberCode"), Error(expired));
        Assert.Equal(("MEMBER_CODE_INVALID", "member.memberCode"), Error(forged));
        Assert.Null(expired["order"]);
        await using var db = _gateway.Db();
        Assert.Equal(0, await db.Orders.CountAsync());
        Assert.Equal(1, await db.Members.CountAsync());
    }

    [Theory]
    [InlineData("PHONE", "140****0023")] // the masked phone staff see
    [InlineData("PHONE", "1400000002")] // 10 digits
    [InlineData("PHONE", "12000000023")] // not 1[3-9]
    [InlineData("PHONE", "+8614000000023")]
    [InlineData("PHONE", "140-0000-0023")]
    [InlineData("POS_CARD", "POS***023")] // a masked external id
    [InlineData("POS_CARD", "   ")]
    public async Task Masked_or_malformed_identity_values_are_refused_and_create_no_member(string channel, string externalId)
    {
        // given
        await _data.MemberAsync("14000000023");
        var staff = _data.StaffToken((await _data.StoreAsync()).Id);
        var identities = new object[] { new { channel = "POS_CARD", externalId = "CARD-OK-1" }, new { channel, externalId } };

        // when
        var payload = (await _api.RecordAsync(StoreOrder("POS-BAD-1", 1_000, identities: identities), staff)).OkData()["recordOrder"]!;

        // then: the second identity is named; nothing was resolved or recorded
        Assert.Equal(("IDENTITY_INVALID", "identities[1].externalId"), Error(payload));
        Assert.Null(payload["order"]);
        await using var db = _gateway.Db();
        Assert.Equal(1, await db.Members.CountAsync());
        Assert.Equal(0, await db.Orders.CountAsync());
        Assert.False(await db.Identities.AnyAsync(i => i.ExternalId == "CARD-OK-1"));
    }

    [Fact]
    public async Task Staff_record_by_member_id_only_for_members_their_store_may_read()
    {
        // given: one member is the exclusive customer of a guide of the store, the other belongs to another store
        var store = await _data.StoreAsync();
        var ours = await _data.MemberAsync("13800000041");
        await _data.RelationshipAsync(ours.Id, (await _data.GuideAsync(store.Id)).Id);
        var theirs = await _data.MemberAsync("13800000042");
        await _data.RelationshipAsync(theirs.Id, (await _data.GuideAsync((await _data.StoreAsync()).Id)).Id);
        var staff = _data.StaffToken(store.Id);

        // when
        var own = await _api.RecordOkAsync(StoreOrder("POS-ID-1", 2_000, member: new { id = GlobalId.Encode("Member", ours.Id) }), staff);
        var other = await _api.RecordAsync(StoreOrder("POS-ID-2", 2_000, member: new { id = GlobalId.Encode("Member", theirs.Id) }), staff);
        var unknown = await _api.RecordAsync(StoreOrder("POS-ID-3", 2_000, member: new { id = GlobalId.Encode("Member", 999_999) }), staff);

        // then: as member(id:) answers staff
        Assert.Equal(ours.Id, LoyaltyApi.MemberKey(own));
        Assert.Equal("AUTH_NOT_AUTHORIZED", other.FirstErrorCode);
        Assert.Equal("AUTH_NOT_AUTHORIZED", unknown.FirstErrorCode);
        await using var db = _gateway.Db();
        Assert.Equal(1, await db.Orders.CountAsync());
        Assert.Equal(2, await db.Members.CountAsync());
    }

    [Fact]
    public async Task Integrations_and_admins_name_any_member_by_id_and_identities_beside_it_are_linked_to_that_member()
    {
        // given
        var member = await _data.MemberAsync("13800000051");
        var ingestion = _gateway.Token(new TokenSubject(Roles.Ingestion));
        var memberId = GlobalId.Encode("Member", member.Id);

        // when
        var byIntegration = await _api.RecordAsync(
            StoreOrder("POS-ING-1", 3_000, member: new { id = memberId }, identities: [new { channel = "POS_CARD", externalId = "CARD-ING-1" }]),
            ingestion, orderSelection: "id");
        var unknownForAdmin = (await _api.RecordAsync(StoreOrder("POS-ING-2", 3_000, member: new { id = GlobalId.Encode("Member", 999_999) })))
            .OkData()["recordOrder"]!;
        var both = (await _api.RecordAsync(StoreOrder("POS-ING-3", 3_000, member: new { id = memberId, memberCode = "X" }))).OkData()["recordOrder"]!;

        // then
        Assert.Empty(byIntegration.OkData()["recordOrder"]!["errors"]!.AsArray());
        await using var db = _gateway.Db();
        Assert.Equal(member.Id, (await db.Orders.SingleAsync(o => o.ChannelOrderId == "POS-ING-1")).MemberId);
        Assert.Equal(member.Id, (await db.Identities.SingleAsync(i => i.ExternalId == "CARD-ING-1")).MemberId);
        Assert.Equal(("NOT_FOUND", "member.id"), Error(unknownForAdmin));
        Assert.Equal(("INVALID_INPUT", "member"), Error(both));
        Assert.Equal(1, await db.Members.CountAsync());
    }

    private static Dictionary<string, object?> StoreOrder(string channelOrderId, long paidAmountCents, object? member = null, object[]? identities = null)
    {
        var input = LoyaltyApi.Order(channelOrderId, "unused", paidAmountCents, identities: identities ?? []);
        if (member is not null)
        {
            input["member"] = member;
        }

        return input;
    }

    private static (string? Code, string? Field) Error(JsonNode payload) =>
        (payload["errors"]![0]?["code"]?.GetValue<string>(), payload["errors"]![0]?["field"]?.GetValue<string>());
}

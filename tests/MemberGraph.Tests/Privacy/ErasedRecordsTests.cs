using MemberGraph.Domain;
using MemberGraph.Members;
using MemberGraph.Tests.Coupons;
using Microsoft.EntityFrameworkCore;

namespace MemberGraph.Tests.Privacy;

/// <summary>
/// What erasure leaves of records that outlive the person: the tombstones of members merged into the erased one (and the
/// merge records an unmerge would read), and a coupon reserved for an order in payment, which the till still finishes.
/// </summary>
public sealed class ErasedRecordsTests
{
    [Fact]
    public async Task Erasing_a_survivor_erases_the_members_merged_into_it_and_no_one_can_unmerge_them()
    {
        // given: an older member with a phone and a newer one with an openid and a birthday, merged (the older survives),
        // and the erasure asked for with the newer one's token from before the merge
        await using var world = await ErasureWorld.StartAsync();
        var older = await world.Data.MemberAsync($"1391{TestData()}", DateTime.UtcNow.AddDays(-30));
        var newer = await world.Data.MemberAsync(null, null, (IdentityChannel.WechatOpenid, $"oMerged{TestData()}"));
        await using (var db = world.Gateway.Db())
        {
            await db.Members.Where(m => m.Id == newer.Id).ExecuteUpdateAsync(s => s.SetProperty(m => m.Birthday, new DateOnly(1992, 3, 4)));
        }

        var merged = (await world.Gateway.GraphQLAsync(
            "mutation($ids: [ID!]!) { mergeMembers(input: { memberIds: $ids, reason: \"same person\" }) { merges { id } errors { code } } }",
            new { ids = new[] { GlobalId.Encode("Member", older.Id), GlobalId.Encode("Member", newer.Id) } }, world.AdminToken)).OkData()["mergeMembers"]!;
        var mergeId = merged["merges"]![0]!["id"]!.GetValue<string>();
        var request = (await world.Kit.RequestErasureAsync(world.Data.MemberToken(newer.Id)))["erasureRequest"]!;

        // when
        world.Clock.Advance(TimeSpan.FromDays(7) + TimeSpan.FromMinutes(1));
        var run = await world.Kit.RunErasureAsync();
        var unmerge = (await world.Gateway.GraphQLAsync("mutation($id: ID!) { unmergeMember(input: { mergeId: $id }) { errors { code } } }",
            new { id = mergeId }, world.AdminToken)).OkData()["unmergeMember"]!;
        var byOldId = await world.Gateway.GraphQLAsync("query($id: ID!) { member(id: $id) { id } }", new { id = GlobalId.Encode("Member", newer.Id) }, world.AdminToken);

        // then: the request was for the survivor; both records are anonymous, the tombstone still points at the survivor
        Assert.Equal(GlobalId.Encode("Member", older.Id), request["member"]!["id"]!.GetValue<string>());
        Assert.Equal(1L, run["erased"]);
        Assert.Equal("ALREADY_MERGED", PrivacyKit.FirstErrorCode(unmerge));
        Assert.Null(byOldId.OkData()["member"]);
        await using var check = world.Gateway.Db();
        var rows = await check.Members.AsNoTracking().Where(m => m.Id == older.Id || m.Id == newer.Id).OrderBy(m => m.Id).ToListAsync();
        Assert.Equal([(MemberStatus.Erased, (long?)null), (MemberStatus.Merged, older.Id)], rows.Select(m => (m.Status, m.MergedIntoId)));
        Assert.All(rows, m => Assert.Equal(("已注销用户", null, null), (m.DisplayName, m.Phone, m.Birthday)));
        Assert.Equal(0, await check.Identities.CountAsync(i => i.MemberId == older.Id || i.MemberId == newer.Id));
        Assert.Equal("{}", await check.MemberMerges.Where(m => m.MergedId == newer.Id).Select(m => m.FieldsJson).SingleAsync());
    }

    [Fact]
    public async Task A_coupon_reserved_for_an_order_in_payment_stays_with_the_anonymous_record_and_the_till_still_finishes_the_payment()
    {
        // given: a member's coupon, reserved at the till for an order in payment, and the member erased meanwhile
        await using var world = await ErasureWorld.StartAsync();
        var coupons = new CouponKit(world.Gateway);
        var store = await world.Data.StoreAsync();
        var member = await world.Data.MemberAsync($"1392{TestData()}");
        var coupon = await coupons.ClaimedAsync(await coupons.TemplateAsync(), member.Id);
        var staff = world.Data.StaffToken(store.Id);
        var code = coupon["code"]!.GetValue<string>();
        var reserved = (await world.Gateway.GraphQLAsync(CouponKit.Reserve,
            new { input = new { code, orderRef = "PAY-1", orderAmountCents = 20_000L } }, staff)).OkData()["reserveCoupon"]!;
        Assert.Equal("RESERVED", reserved["coupon"]!["status"]!.GetValue<string>());
        await world.Kit.RequestErasureAsync(world.Data.MemberToken(member.Id));
        world.Clock.Advance(TimeSpan.FromDays(7) + TimeSpan.FromMinutes(1));
        Assert.Equal(1L, (await world.Kit.RunErasureAsync())["erased"]);

        // when: the payment goes through at the till
        var redeemed = (await coupons.RedeemAsync(code, 20_000, "PAY-1", staff)).OkData()["redeemCoupon"]!;

        // then: written off for that order, still the anonymous record's coupon
        Assert.Empty(redeemed["errors"]!.AsArray());
        Assert.Equal(("REDEEMED", "PAY-1"), (redeemed["coupon"]!["status"]!.GetValue<string>(), redeemed["coupon"]!["redeemedOrderRef"]!.GetValue<string>()));
        await using var db = world.Gateway.Db();
        var couponId = GlobalId.TryDecode(coupon["id"]!.GetValue<string>(), "Coupon");
        Assert.Equal(member.Id, await db.Coupons.Where(c => c.Id == couponId).Select(c => c.MemberId).SingleAsync());
    }

    private static string TestData() => $"{Infrastructure.TestData.Next() % 10_000_000:0000000}";
}

using MemberGraph.Coupons;
using MemberGraph.Members;
using MemberGraph.Tests.Infrastructure;

namespace MemberGraph.Tests.Coupons;

public sealed class CouponMergeTests : CouponGatewayTests
{
    [Fact]
    public async Task A_merge_moves_coupons_to_the_survivor_whose_limit_then_counts_them_and_an_unmerge_moves_them_back()
    {
        // given
        var templateId = await Kit.TemplateAsync(t => t["perMemberLimit"] = 2);
        var survivor = await Kit.Data.MemberAsync();
        var merged = await Kit.Data.MemberAsync();
        await Kit.ClaimedAsync(templateId, survivor.Id);
        var moving = await Kit.ClaimedAsync(templateId, merged.Id);
        var participant = Assert.Single(Gateway.Service<IEnumerable<IMergeParticipant>>(), p => p.Kind == "coupons");

        // when
        IReadOnlyList<long> moved;
        await using (var db = Gateway.Db())
        {
            await using var transaction = await db.Database.BeginTransactionAsync();
            moved = await participant.MoveAsync(db, merged.Id, survivor.Id, CancellationToken.None);
            await transaction.CommitAsync();
        }

        var claimAfterMerge = (await Kit.ClaimAsync(templateId, survivor.Id)).Payload("claimCoupon");
        var survivorsCoupons = (await Gateway.GraphQLAsync("{ me { coupons { totalCount } } }", token: Kit.Data.MemberToken(survivor.Id))).OkData();

        await using (var db = Gateway.Db())
        {
            await participant.MoveBackAsync(db, moved, merged.Id, CancellationToken.None);
        }

        // then
        Assert.Equal([CouponKit.Key(moving.Str("id"))], moved);
        Assert.Equal("COUPON_LIMIT_REACHED", claimAfterMerge.ErrorCode());
        Assert.Equal(2, survivorsCoupons["me"]!["coupons"]!["totalCount"]!.GetValue<int>());
        var coupons = await Kit.CouponsOfAsync(templateId);
        Assert.Equal(merged.Id, coupons.Single(c => c.Id == moved[0]).MemberId);
        Assert.Equal(survivor.Id, coupons.Single(c => c.Id != moved[0]).MemberId);
    }

    [Fact]
    public async Task A_merged_members_earlier_token_sees_and_uses_the_coupons_now_held_by_the_survivor()
    {
        // given: the newer member claims a coupon, then an admin merges them into the older one
        var templateId = await Kit.TemplateAsync();
        var survivor = await Kit.Data.MemberAsync();
        var merged = await Kit.Data.MemberAsync();
        var coupon = await Kit.ClaimedAsync(templateId, merged.Id);
        var staleToken = Kit.Data.MemberToken(merged.Id);
        const string merge = "mutation ($input: MergeMembersInput!) { mergeMembers(input: $input) { survivor { id } errors { code } } }";
        var memberIds = new[] { CouponKit.MemberId(survivor.Id), CouponKit.MemberId(merged.Id) };
        var merging = (await Gateway.GraphQLAsync(merge, new { input = new { memberIds, reason = "same person" } }, Kit.AdminToken)).OkData()["mergeMembers"]!;

        // when: the merged member's app, still on its earlier token, lists, opens and reserves the coupon
        var listed = (await Gateway.GraphQLAsync("{ me { id coupons(first: 5) { edges { node { id code } } } } }", token: staleToken)).OkData()["me"]!;
        var opened = (await Gateway.GraphQLAsync("query ($id: ID!) { node(id: $id) { ... on Coupon { code } } }", new { id = coupon.Str("id") }, staleToken)).OkData()["node"]!;
        var reserved = (await Gateway.GraphQLAsync(CouponKit.Reserve, new { input = new { couponId = coupon.Str("id"), orderRef = "MP-9", orderAmountCents = 12_000 } }, staleToken))
            .OkData()["reserveCoupon"]!;

        // then: the code in full everywhere, and the reservation goes through
        var code = coupon.Str("code");
        Assert.DoesNotContain('*', code);
        Assert.Equal(CouponKit.MemberId(survivor.Id), merging["survivor"]!.Str("id"));
        Assert.Equal(CouponKit.MemberId(survivor.Id), listed.Str("id"));
        Assert.Equal(code, listed["coupons"]!["edges"]![0]!["node"]!.Str("code"));
        Assert.Equal(code, opened.Str("code"));
        Assert.True(reserved["errors"]!.AsArray().Count == 0, reserved.ToJsonString());
        Assert.Equal("RESERVED", reserved["coupon"]!.Str("status"));
        Assert.Equal(code, reserved["coupon"]!.Str("code"));
    }
}
